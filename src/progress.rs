//! The build's progress bar (indicatif): on a terminal only, never with `-q`, and only once a
//! build has taken about a second; it shows the guides done out of the total and the guide
//! being built. Everything the build prints goes through [`suspend`], so lines are written
//! above the bar instead of through it.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The bar of the running build, if it has one.
static BAR: Mutex<Option<Bar>> = Mutex::new(None);

/// A bar and when its build started.
struct Bar {
    bar: ProgressBar,
    started: Instant,
    shown: bool,
}

/// How long a build runs before its bar appears.
const DELAY: Duration = Duration::from_secs(1);

/// Starts the bar of a build of `total` guides (hidden until [`DELAY`] has passed).
pub fn start(total: usize) {
    let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} guides  {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    if let Ok(mut slot) = BAR.lock() {
        *slot = Some(Bar {
            bar,
            started: Instant::now(),
            shown: false,
        });
    }
}

/// Names the guide being built, and shows the bar once the build has run for [`DELAY`].
pub fn building(guide: &str) {
    if let Ok(mut slot) = BAR.lock()
        && let Some(b) = slot.as_mut()
    {
        if !b.shown && b.started.elapsed() >= DELAY {
            b.bar.set_draw_target(ProgressDrawTarget::stderr());
            b.shown = true;
        }
        b.bar.set_message(guide.to_string());
    }
}

/// One more guide done.
pub fn done_one() {
    if let Ok(slot) = BAR.lock()
        && let Some(b) = slot.as_ref()
    {
        b.bar.inc(1);
    }
}

/// Removes the bar.
pub fn finish() {
    if let Ok(mut slot) = BAR.lock()
        && let Some(b) = slot.take()
    {
        b.bar.finish_and_clear();
    }
}

/// Runs `f` (which prints) with the bar out of the way.
pub fn suspend<T>(f: impl FnOnce() -> T) -> T {
    let bar = BAR
        .lock()
        .ok()
        .and_then(|slot| slot.as_ref().map(|b| b.bar.clone()));
    match bar {
        Some(bar) => bar.suspend(f),
        None => f(),
    }
}
