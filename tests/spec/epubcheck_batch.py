"""EPUBCheck on many books: `jobs` JVMs at a time, each checking books from a shared queue, so
the JVM start and EPUBCheck's schema compilation (about 8 CPU-seconds, measured) are paid once
per JVM instead of once per book. Each book is still checked once, by the same code path as
`java -jar epubcheck.jar BOOK --usage --json REPORT` (`EpubCheckBatch.java` calls
`EpubChecker.run` with those arguments), and yields the same JSON report.

If the batch driver cannot run (it is launched as a source file, which needs the JDK's
compiler module), the worker falls back to one JVM per book through
`epub_tools.run_epubcheck`, the client tests' helper.
"""

import json
import pathlib
import queue
import subprocess
import threading

from epub_tools import run_epubcheck

DRIVER = pathlib.Path(__file__).resolve().parent / "EpubCheckBatch.java"
# Short-lived, class-loading-heavy work: C1 alone took about half the CPU time of the default
# tiered compiler here.
JVM_FLAGS = ["-XX:TieredStopAtLevel=1"]


class Batch:
    """Checks `epubs` in the background; `reports()` waits and returns {epub: report}, a
    report being EPUBCheck's JSON, or an Exception when no report was written."""

    def __init__(self, jar, epubs, report_dir, jobs=2):
        self.jar = pathlib.Path(jar)
        self.report_dir = pathlib.Path(report_dir)
        self.report_dir.mkdir(parents=True, exist_ok=True)
        self.queue = queue.Queue()
        for epub in epubs:
            self.queue.put(pathlib.Path(epub))
        self.results = {}
        self.fallbacks = 0
        self.lock = threading.Lock()
        self.threads = [
            threading.Thread(target=self._work, args=(i,), daemon=True) for i in range(jobs)
        ]
        for t in self.threads:
            t.start()

    def reports(self):
        for t in self.threads:
            t.join()
        return dict(self.results)

    def _start(self, index):
        log = open(self.report_dir / f"jvm-{index}.log", "a", encoding="utf-8")
        return subprocess.Popen(
            ["java", *JVM_FLAGS, "-cp", str(self.jar), str(DRIVER)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
            text=True, encoding="utf-8", bufsize=1,
        )

    def _work(self, index):
        proc, checked, batch_ok = None, 0, True
        while True:
            try:
                epub = self.queue.get_nowait()
            except queue.Empty:
                break
            if not batch_ok:
                self._store(epub, self._one_jvm(epub))
                continue
            if proc is None:
                proc = self._start(index)
            report = self.report_dir / f"{epub.parent.name}--{epub.stem}.json"
            report.unlink(missing_ok=True)
            try:
                proc.stdin.write(f"{epub}\t{report}\n")
                proc.stdin.flush()
                line = proc.stdout.readline()
            except OSError:
                line = ""
            if not line.startswith("done\t"):
                proc.kill()
                proc.wait()
                proc = None
                if checked == 0:
                    # The driver never ran: check with one JVM per book instead.
                    batch_ok = False
                    with self.lock:
                        self.fallbacks += 1
                    self._store(epub, self._one_jvm(epub))
                else:
                    self._store(epub, RuntimeError(
                        f"the EPUBCheck JVM ended while checking {epub.name} (see "
                        f"{self.report_dir / f'jvm-{index}.log'})"))
                continue
            checked += 1
            if report.exists():
                self._store(epub, json.loads(report.read_text(encoding="utf-8")))
            else:
                code = line.split("\t")[1]
                self._store(epub, RuntimeError(f"EPUBCheck wrote no report (exit {code})"))
        if proc is not None:
            proc.stdin.close()
            proc.wait()

    def _one_jvm(self, epub):
        try:
            return run_epubcheck(self.jar, epub)
        except Exception as error:  # no report: the caller records a failure
            return error

    def _store(self, epub, result):
        with self.lock:
            self.results[epub] = result
