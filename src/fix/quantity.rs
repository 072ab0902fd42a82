//! Memory quantities as Kubernetes writes them (`512Mi`, `2Gi`, `1500M`, `1.5Gi`, `268435456`),
//! doubled for a proposed limit and written back in the largest unit that keeps them whole.
//!
//! Integer arithmetic in thousandths of the unit, so the browser build carries no float parser.

/// Binary and decimal suffixes, smallest first, each with the next larger in its family.
const BINARY: &[&str] = &["Ki", "Mi", "Gi", "Ti"];
const DECIMAL: &[&str] = &["k", "M", "G", "T"];

/// Twice `quantity`, in its own family of units; `None` when it is not a memory quantity.
pub fn double(quantity: &str) -> Option<String> {
    let (milli, suffix) = parts(quantity).filter(|&(m, _)| m > 0)?;
    let doubled = milli.checked_mul(2)?;
    let (family, base, mut index) = if suffix.is_empty() {
        // Plain bytes: go to Mi, rounding up.
        let mib = doubled.div_ceil(1000 * 1_048_576).max(1);
        return Some(format!("{mib}Mi"));
    } else if let Some(i) = BINARY.iter().position(|s| *s == suffix) {
        (BINARY, 1024, i)
    } else {
        (DECIMAL, 1000, DECIMAL.iter().position(|s| *s == suffix)?)
    };
    let mut value = doubled;
    while index + 1 < family.len() && value >= base * 1000 && value % (base * 1000) == 0 {
        value /= base;
        index += 1;
    }
    let fraction = format!("{:03}", value % 1000);
    let fraction = fraction.trim_end_matches('0');
    let number = if fraction.is_empty() {
        (value / 1000).to_string()
    } else {
        format!("{}.{fraction}", value / 1000)
    };
    Some(format!("{number}{}", family[index]))
}

/// `quantity` in bytes (`26820Ki` is 27463680); `None` when it is not a memory quantity.
pub fn bytes(quantity: &str) -> Option<u64> {
    let (milli, suffix) = parts(quantity)?;
    let unit =
        match (BINARY.iter().position(|s| *s == suffix), DECIMAL.iter().position(|s| *s == suffix))
        {
            _ if suffix.is_empty() => 1,
            (Some(i), _) => 1024u64.pow(i as u32 + 1),
            (_, Some(i)) => 1000u64.pow(i as u32 + 1),
            _ => return None,
        };
    milli.checked_mul(unit).map(|b| b / 1000)
}

/// A quantity's number in thousandths and its suffix: `1.5Gi` is (1500, "Gi").
fn parts(quantity: &str) -> Option<(u64, &str)> {
    let quantity = quantity.trim().trim_matches('"');
    let at = quantity.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(quantity.len());
    let (number, suffix) = quantity.split_at(at);
    Some((thousandths(number)?, suffix))
}

/// `1.5` as 1500: a decimal number in thousandths, at most three decimals.
fn thousandths(number: &str) -> Option<u64> {
    let (whole, digits) = number.split_once('.').unwrap_or((number, ""));
    if whole.is_empty() || digits.len() > 3 || digits.contains('.') {
        return None;
    }
    let whole: u64 = whole.parse().ok()?;
    let fraction: u64 = if digits.is_empty() { 0 } else { digits.parse().ok()? };
    let scale = 10u64.pow(3 - digits.len() as u32);
    whole.checked_mul(1000)?.checked_add(fraction * scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_bytes() {
        assert_eq!(bytes("26820Ki"), Some(26_820 * 1024));
        assert_eq!(bytes("1.5Gi"), Some(1_610_612_736));
        assert_eq!(bytes("1500M"), Some(1_500_000_000));
        assert_eq!(bytes("268435456"), Some(268_435_456));
        assert_eq!(bytes("12Qi"), None);
        assert_eq!(bytes(""), None);
    }

    #[test]
    fn doubles_in_the_largest_whole_unit() {
        assert_eq!(double("512Mi").as_deref(), Some("1Gi"));
        assert_eq!(double("768Mi").as_deref(), Some("1536Mi"));
        assert_eq!(double("2Gi").as_deref(), Some("4Gi"));
        assert_eq!(double("1.5Gi").as_deref(), Some("3Gi"));
        assert_eq!(double("0.75Gi").as_deref(), Some("1.5Gi"));
        assert_eq!(double("500M").as_deref(), Some("1G"));
        assert_eq!(double("\"64Mi\"").as_deref(), Some("128Mi"));
        assert_eq!(double("268435456").as_deref(), Some("512Mi"));
        for bad in ["", "Mi", "1Xi", "-1Gi", "99999999999999999999Gi", "abc", "1.2.3Gi", ".5Gi"] {
            assert_eq!(double(bad), None, "{bad}");
        }
    }
}
