// Runs EPUBCheck on many books in one JVM, so the JVM start, class loading and schema
// compilation (about 8 CPU-seconds) are paid once per JVM instead of once per book.
//
//     java -cp epubcheck.jar EpubCheckBatch.java < jobs
//
// Each line of standard input is `BOOK<TAB>REPORT.json`; each book is checked exactly as the
// command line `java -jar epubcheck.jar BOOK --usage --json REPORT.json` checks it (the same
// `EpubChecker.run`), and a line `done<TAB>EXIT-CODE<TAB>BOOK` is printed when its report is
// written. EPUBCheck's own console output is discarded (the JSON report has everything).
import com.adobe.epubcheck.tool.EpubChecker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

public class EpubCheckBatch {
    public static void main(String[] args) throws Exception {
        PrintStream protocol = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        BufferedReader in =
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] job = line.split("\t", 2);
            int code;
            try {
                code = new EpubChecker().run(new String[] {job[0], "--usage", "--json", job[1]});
            } catch (Throwable t) {
                t.printStackTrace();
                code = -1;
            }
            protocol.println("done\t" + code + "\t" + job[0]);
        }
    }
}
