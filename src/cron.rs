//! How often a CronJob's schedule fires, as far as its minute and hour fields say: the longest
//! wait between two starts. The expression is read as the CronJob controller's parser reads it
//! (`robfig/cron`, the standard five fields, the `@hourly`-style macros and `@every`, an optional `CRON_TZ=`
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
        ["@every", every] => every_minutes(every),
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

/// The minutes of an `@every` interval in Go's duration style (`90s`, `5m`, `1h30m`), rounded up
/// to a whole minute. `None` for zero, fractions, or anything else.
fn every_minutes(duration: &str) -> Option<u32> {
    let mut seconds: u32 = 0;
    let mut rest = duration;
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        let count: u32 = rest[..digits].parse().ok()?;
        let unit_end =
            rest[digits..].find(|c: char| c.is_ascii_digit()).map_or(rest.len(), |i| digits + i);
        let unit = match &rest[digits..unit_end] {
            "h" => 3_600,
            "m" => 60,
            "s" => 1,
            _ => return None,
        };
        seconds = seconds.checked_add(count.checked_mul(unit)?)?;
        rest = &rest[unit_end..];
    }
    (seconds > 0).then(|| seconds.div_ceil(60))
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
        assert_eq!(longest_gap("@every 5m"), Some(5));
        assert_eq!(longest_gap("@every 1h30m"), Some(90));
        assert_eq!(longest_gap("@every 90s"), Some(2));
    }

    #[test]
    fn what_it_cannot_bound_is_none() {
        for schedule in [
            "0 0 1 * *",
            "0 0 * 6 *",
            "61 * * * *",
            "*/0 * * * *",
            "x",
            "",
            "@every 0s",
            "@every 1.5h",
            "@every 5",
            "@every m",
        ] {
            assert_eq!(longest_gap(schedule), None, "{schedule}");
        }
    }
}
