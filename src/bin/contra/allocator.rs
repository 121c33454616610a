//! The binary's allocator: jemalloc, told when peak memory starts to matter.
//!
//! jemalloc fragments far less than glibc's allocator under many threads (measured on the
//! 200,000-article benchmark: 15% faster, 288 MB peak instead of 368 MB). What it does with
//! freed pages trades time for peak memory. Compiling the rules allocates and frees a few
//! hundred megabytes of temporary automata in a fraction of a second; purging those pages at
//! once and faulting them back in was a third of start-up (300 ms -> 220 ms for a one-article
//! check when they are kept 10 ms). A check's peak comes later, from what it holds, so once
//! the rules are compiled freed pages go back to the system at once: the peak is what the run
//! holds, not what it once held.
//!
//! `_RJEM_MALLOC_CONF` in the environment overrides the start-up settings and turns the switch
//! off, so a setting given by hand holds for the whole run.

#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's start-up settings, which it reads from this symbol (`malloc_conf`, with the prefix
/// this build of jemalloc uses): dirty pages are kept 10 ms, then purged outright.
#[cfg(not(target_env = "msvc"))]
#[unsafe(export_name = "_rjem_malloc_conf")]
static MALLOC_CONF: &u8 = &b"dirty_decay_ms:10,muzzy_decay_ms:0\0"[0];

/// From now on, freed pages go back to the system at once, in every arena and every arena made
/// later. Setting the decay to zero also purges what each arena holds now.
pub fn release_at_once() {
    if std::env::var_os("_RJEM_MALLOC_CONF").is_none() {
        set_dirty_decay_ms(0);
    }
}

#[cfg(not(target_env = "msvc"))]
fn set_dirty_decay_ms(ms: isize) {
    use tikv_jemalloc_ctl::{arenas, raw};
    // Failures are ignored: this only tunes memory use, and a run is correct either way.
    let count = arenas::narenas::read().unwrap_or(0);
    // SAFETY: `dirty_decay_ms` is an `ssize_t` in jemalloc, which is `isize`, and the names are
    // NUL-terminated. An arena that was never created answers with an error, which is ignored.
    unsafe {
        let _ = raw::write(b"arenas.dirty_decay_ms\0", ms);
        for arena in 0..count {
            let _ = raw::write(format!("arena.{arena}.dirty_decay_ms\0").as_bytes(), ms);
        }
    }
}

#[cfg(target_env = "msvc")]
fn set_dirty_decay_ms(_ms: isize) {}
