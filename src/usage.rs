//! The process's CPU time and peak memory so far, for `--verbose` stage
//! lines: whether a stage kept both cores busy (CPU time over wall time)
//! and which stage raised the peak. Linux only (read from `/proc`); `None`
//! elsewhere.

use std::time::Duration;

/// User plus system CPU time used so far by every thread of the process.
pub fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    cpu_time_from_stat(&stat)
}

/// The peak resident memory so far, in bytes.
pub fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    peak_from_status(&status)
}

/// `utime + stime` of a `/proc/<pid>/stat` line, at the usual 100 ticks a
/// second. The command name (field 2) may hold spaces and parentheses, so
/// fields are counted after its closing parenthesis.
fn cpu_time_from_stat(stat: &str) -> Option<Duration> {
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // After the name: state is field 3, utime field 14, stime field 15.
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// `VmHWM` of a `/proc/<pid>/status` text, in bytes.
fn peak_from_status(status: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_proc_files() {
        let stat = "4242 (a (weird) name) R 1 2 3 4 5 6 7 8 9 10 250 75 0 0 20 0 3 0";
        assert_eq!(cpu_time_from_stat(stat), Some(Duration::from_millis(3250)));
        let status = "Name:\tdossier\nVmPeak:\t  999 kB\nVmHWM:\t   2048 kB\nVmRSS:\t 1000 kB\n";
        assert_eq!(peak_from_status(status), Some(2 * 1024 * 1024));
        assert_eq!(peak_from_status("Name: x\n"), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn reads_this_process() {
        assert!(cpu_time().is_some());
        assert!(peak_memory().is_some_and(|b| b > 0));
    }
}
