//! How often a CronJob's schedule fires, as far as its minute and hour fields say: the longest
//! wait between two starts. The expression is read as the CronJob controller's parser reads it
//! (`robfig/cron`, the standard five fields, the `@hourly`-style macros, an optional `CRON_TZ=`
//! or `TZ=` zone first); what it cannot read, it leaves alone.

/// Minutes in a day.
const DAY: u32 = 24 * 60;

/// The longest wait, in minutes, between two starts of `schedule`, when the expression fires
/// every day (day of month, month and day of week all `*`), or every week when only the day of
/// week is set (a bound, not exact). `None` for any other expression, or one it cannot read.
pub fn longest_gap(schedule: &str) -> Option<u32> {
    let mut words = schedule.split_whitespace().peekable();
    while words.next_if(|w| w.starts_with("CRON_TZ=") || w.starts_with("TZ=")).is_some() {}
    let fields: Vec<&str> = words.collect();
    match fields.as_slice() {
        ["@hourly"] => Some(60),
        ["@daily" | "@midnight"] => Some(DAY),
        ["@weekly"] => Some(7 * DAY),
        [minute, hour, "*" | "?", "*", day_of_week] => {
            let minutes = values(minute, 59)?;
            let hours = values(hour, 23)?;
            if *day_of_week != "*" && *day_of_week != "?" {
                values(day_of_week, 7)?;
                return Some(7 * DAY);
            }
            let mut starts: Vec<u32> =
                hours.iter().flat_map(|h| minutes.iter().map(move |m| h * 60 + m)).collect();
            starts.sort_unstable();
            let first = *starts.first()?;
            let last = *starts.last()?;
            let inner = starts.windows(2).map(|w| w[1] - w[0]).max().unwrap_or(0);
            Some(inner.max(first + DAY - last))
        }
        _ => None,
    }
}

/// The values a field takes, from 0 to `max`: `*`, `N`, `A-B`, `*/S`, `A-B/S`, `A/S` and lists
/// of them. `None` when a part is not one of these or falls outside the range.
fn values(field: &str, max: u32) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    for part in field.split(',') {
        let (range, step) = match part.split_once('/') {
            Some((range, step)) => (range, step.parse::<u32>().ok().filter(|s| *s > 0)?),
            None => (part, 1),
        };
        let (low, high) = match range {
            "*" | "?" => (0, max),
            _ => match range.split_once('-') {
                Some((a, b)) => (a.parse().ok()?, b.parse().ok()?),
                None => {
                    let n: u32 = range.parse().ok()?;
                    (n, if part.contains('/') { max } else { n })
                }
            },
        };
        if low > high || high > max {
            return None;
        }
        out.extend((low..=high).step_by(step as usize));
    }
    out.sort_unstable();
    out.dedup();
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_of_common_schedules() {
        assert_eq!(longest_gap("*/5 * * * *"), Some(5));
        assert_eq!(longest_gap("* * * * *"), Some(1));
        assert_eq!(longest_gap("15 * * * *"), Some(60));
        assert_eq!(longest_gap("3,13,23,33,43,53 * * * *"), Some(10));
        assert_eq!(longest_gap("0 */6 * * *"), Some(360));
        assert_eq!(longest_gap("30 2 * * *"), Some(DAY));
        assert_eq!(longest_gap("0 9-17 * * *"), Some(16 * 60));
        assert_eq!(longest_gap("0 9 * * 1-5"), Some(7 * DAY));
        assert_eq!(longest_gap("CRON_TZ=Europe/Berlin 0 1 * * *"), Some(DAY));
        assert_eq!(longest_gap("@hourly"), Some(60));
        assert_eq!(longest_gap("5/20 * * * *"), Some(20));
    }

    #[test]
    fn what_it_cannot_bound_is_none() {
        for schedule in
            ["0 0 1 * *", "0 0 * 6 *", "61 * * * *", "*/0 * * * *", "x", "", "@every 5m"]
        {
            assert_eq!(longest_gap(schedule), None, "{schedule}");
        }
    }
}
