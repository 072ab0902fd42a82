//! Times as kubectl prints them: timestamps (RFC 1123 with a numeric zone in `describe`, RFC 3339
//! in YAML) and ages (`HumanDuration` in event tables and the AGE column).
//!
//! An age is truncated by its unit (`12m` is somewhere in 12m0s..12m59s), so it comes with the
//! precision its size allows, following `k8s.io/apimachinery/pkg/util/duration.HumanDuration`:
//! seconds below 10 minutes, minutes below 8 hours, hours below 8 days, days beyond.

/// Seconds since 1970-01-01T00:00:00Z of a pasted timestamp, `None` when it is not one (or the
/// zero time `Mon, 01 Jan 0001`, which kubelet prints for a state it never saw).
pub fn timestamp(text: &str) -> Option<i64> {
    let text = text.trim().trim_matches('"');
    let seconds = rfc3339(text).or_else(|| rfc1123z(text))?;
    (seconds > 0).then_some(seconds)
}

/// `2024-12-03T09:14:34Z`, with optional fractional seconds and a `+hh:mm` zone.
fn rfc3339(text: &str) -> Option<i64> {
    let (date, time) = text.split_once(['T', 't', ' '])?;
    let mut parts = date.splitn(3, '-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    let (clock, zone) = match time.find(['Z', 'z', '+', '-']) {
        Some(at) => (&time[..at], &time[at..]),
        None => (time, "Z"),
    };
    let clock = clock.split('.').next()?;
    let offset = match zone {
        "Z" | "z" => 0,
        zone => offset(&zone.replace(':', ""))?,
    };
    Some(civil(year, month, day)? + seconds_of_day(clock)? - offset)
}

/// `Tue, 03 Dec 2024 09:14:34 +0000` (Go's `RFC1123Z`, as `kubectl describe` prints).
fn rfc1123z(text: &str) -> Option<i64> {
    let rest = text.split_once(", ").map_or(text, |(_, rest)| rest);
    let mut words = rest.split_whitespace();
    let day: u32 = words.next()?.parse().ok()?;
    let month = month(words.next()?)?;
    let year: i64 = words.next()?.parse().ok()?;
    let clock = words.next()?;
    let zone = words.next().map_or(Some(0), offset)?;
    Some(civil(year, month, day)? + seconds_of_day(clock)? - zone)
}

fn month(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    MONTHS.iter().position(|m| name.eq_ignore_ascii_case(m)).map(|i| i as u32 + 1)
}

/// `+0000`, `-0500`; zone names (`UTC`, `GMT`) count as UTC.
fn offset(zone: &str) -> Option<i64> {
    if zone.chars().all(|c| c.is_ascii_alphabetic()) {
        return Some(0);
    }
    let sign = match zone.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits = zone.get(1..5)?;
    let hours: i64 = digits.get(..2)?.parse().ok()?;
    let minutes: i64 = digits.get(2..)?.parse().ok()?;
    Some(sign * (hours * 3600 + minutes * 60))
}

fn seconds_of_day(clock: &str) -> Option<i64> {
    let mut parts = clock.splitn(3, ':');
    let h: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let s: i64 = parts.next().unwrap_or("0").parse().ok()?;
    (h < 24 && m < 60 && s <= 60).then_some(h * 3600 + m * 60 + s)
}

/// Seconds of the civil date at midnight UTC (days counted as in the proleptic Gregorian
/// calendar, after Howard Hinnant's `days_from_civil`).
fn civil(year: i64, month: u32, day: u32) -> Option<i64> {
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || !(1..=9999).contains(&year) {
        return None;
    }
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = i64::from((month + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some((era * 146_097 + doe - 719_468) * 86_400)
}

/// `seconds` since 1970 as `2024-12-03T09:14:34Z`.
pub fn format(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let rest = seconds.rem_euclid(86_400);
    // Hinnant's `civil_from_days`.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// An age as kubectl prints it (`94s`, `2m5s`, `12m`, `5h30m`, `3d4h`, `2y15d`), in seconds,
/// with the precision its size allows. For a repeated event (`2m34s (x4 over 6m11s)`) this is
/// the last occurrence; [`first_age`] reads the first.
pub fn age(text: &str) -> Option<(i64, u32)> {
    let word = text.split_whitespace().next()?;
    let mut total: i64 = 0;
    let mut number = String::new();
    for c in word.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit = match c {
            's' => 1,
            'm' => 60,
            'h' => 3_600,
            'd' => 86_400,
            'y' => 365 * 86_400,
            _ => return None,
        };
        let n: i64 = number.parse().ok()?;
        total = total.checked_add(n.checked_mul(unit)?)?;
        number.clear();
    }
    if !number.is_empty() || word.is_empty() || total > MAX_AGE {
        return None;
    }
    Some((total, precision(total)))
}

/// Ages beyond this are not ages kubectl prints (it tops out in years): two centuries.
const MAX_AGE: i64 = 200 * 365 * 86_400;

/// The first occurrence of a repeated event: the `6m11s` of `2m34s (x4 over 6m11s)`.
pub fn first_age(text: &str) -> Option<(i64, u32)> {
    let over = text.split_once(" over ").map(|(_, rest)| rest.trim_end_matches(')'));
    over.map_or_else(|| age(text), age)
}

/// How many seconds an age of `seconds` may be short by (it is truncated to its unit).
fn precision(seconds: i64) -> u32 {
    match seconds {
        s if s < 10 * 60 => 1,
        s if s < 8 * 3_600 => 60,
        s if s < 8 * 86_400 => 3_600,
        _ => 86_400,
    }
}

/// A duration the way kubectl prints an age: `45s`, `2m5s`, `10m`, `3h20m`, `20h`, `3d4h`,
/// `40d`, `2y10d`, with about two significant figures; negative reads as `0s`.
pub fn short(seconds: i64) -> String {
    let s = seconds.max(0);
    let (minutes, hours) = (s / 60, s / 3_600);
    let (days, years) = (hours / 24, hours / (24 * 365));
    let pair = |big: i64, unit: &str, small: i64, small_unit: &str| match small {
        0 => format!("{big}{unit}"),
        _ => format!("{big}{unit}{small}{small_unit}"),
    };
    if s < 120 {
        format!("{s}s")
    } else if minutes < 10 {
        pair(minutes, "m", s % 60, "s")
    } else if minutes < 180 {
        format!("{minutes}m")
    } else if hours < 8 {
        pair(hours, "h", minutes % 60, "m")
    } else if hours < 48 {
        format!("{hours}h")
    } else if hours < 24 * 8 {
        pair(days, "d", hours % 24, "h")
    } else if hours < 24 * 365 * 2 {
        format!("{days}d")
    } else if hours < 24 * 365 * 8 {
        pair(years, "y", days % 365, "d")
    } else {
        format!("{years}y")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_in_both_layouts() {
        let describe = timestamp("Tue, 03 Dec 2024 09:14:34 +0000");
        let yaml = timestamp("2024-12-03T09:14:34Z");
        assert_eq!(describe, Some(1_733_217_274));
        assert_eq!(describe, yaml);
        assert_eq!(timestamp("\"2024-12-03T09:14:34.123456Z\""), yaml);
        assert_eq!(timestamp("Tue, 28 May 2024 12:03:22 -0500"), timestamp("2024-05-28T17:03:22Z"));
        assert_eq!(timestamp("2024-05-28T19:03:22+02:00"), timestamp("2024-05-28T17:03:22Z"));
        assert_eq!(timestamp("Mon, 01 Jan 0001 00:00:00 +0000"), None);
        assert_eq!(timestamp("<unknown>"), None);
        assert_eq!(timestamp("2024-13-40T99:00:00Z"), None);
    }

    #[test]
    fn format_inverts_timestamp() {
        for text in ["2024-12-03T09:14:34Z", "2000-02-29T00:00:00Z", "1970-01-01T00:00:01Z"] {
            assert_eq!(timestamp(text).map(format).as_deref(), Some(text));
        }
    }

    #[test]
    fn short_durations() {
        assert_eq!(short(45), "45s");
        assert_eq!(short(100), "100s");
        assert_eq!(short(125), "2m5s");
        assert_eq!(short(600), "10m");
        assert_eq!(short(12_000), "3h20m");
        assert_eq!(short(-5), "0s");
        assert_eq!(short(150 * 60), "150m");
        assert_eq!(short(20 * 3_600), "20h");
        assert_eq!(short(72 * 3_600), "3d");
        assert_eq!(short(76 * 3_600), "3d4h");
        assert_eq!(short(40 * 86_400), "40d");
        assert_eq!(short(740 * 86_400), "2y10d");
        assert_eq!(short(3_000 * 86_400), "8y");
    }

    #[test]
    fn ages_and_their_precision() {
        assert_eq!(age("94s"), Some((94, 1)));
        assert_eq!(age("2m5s"), Some((125, 1)));
        assert_eq!(age("39m"), Some((2_340, 60)));
        assert_eq!(age("5h30m"), Some((19_800, 60)));
        assert_eq!(age("31h"), Some((111_600, 3_600)));
        assert_eq!(age("3d4h"), Some((273_600, 3_600)));
        assert_eq!(age("2y15d"), Some((64_368_000, 86_400)));
        assert_eq!(age("2m34s (x4 over 6m11s)"), Some((154, 1)));
        assert_eq!(first_age("2m34s (x4 over 6m11s)"), Some((371, 1)));
        assert_eq!(first_age("94s"), Some((94, 1)));
        for bad in
            ["", "<invalid>", "<unknown>", "12", "kubelet", "5x", "99999999999999999999y", "300y"]
        {
            assert_eq!(age(bad), None, "{bad}");
        }
    }
}
