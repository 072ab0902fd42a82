//! Memory quantities as Kubernetes writes them (`512Mi`, `2Gi`, `1500M`, `1.5Gi`, `268435456`),
//! doubled for a proposed limit and written back in the largest unit that keeps them whole.

/// Binary and decimal suffixes, smallest first, each with the next larger in its family.
const BINARY: &[&str] = &["Ki", "Mi", "Gi", "Ti"];
const DECIMAL: &[&str] = &["k", "M", "G", "T"];

/// Twice `quantity`, in its own family of units; `None` when it is not a memory quantity.
pub fn double(quantity: &str) -> Option<String> {
    let quantity = quantity.trim().trim_matches('"');
    let at = quantity.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(quantity.len());
    let (number, suffix) = quantity.split_at(at);
    let value: f64 = number.parse().ok().filter(|v: &f64| v.is_finite() && *v > 0.0)?;
    let (family, base, mut index) = if suffix.is_empty() {
        // Plain bytes: go to Mi, rounding up.
        let mib = (value * 2.0 / 1_048_576.0).ceil();
        return Some(format!("{}Mi", mib.max(1.0)));
    } else if let Some(i) = BINARY.iter().position(|s| *s == suffix) {
        (BINARY, 1024.0, i)
    } else {
        (DECIMAL, 1000.0, DECIMAL.iter().position(|s| *s == suffix)?)
    };
    let mut doubled = value * 2.0;
    while index + 1 < family.len() && doubled >= base && (doubled / base).fract() == 0.0 {
        doubled /= base;
        index += 1;
    }
    let number =
        if doubled.fract() == 0.0 { format!("{doubled:.0}") } else { format!("{doubled}") };
    Some(format!("{number}{}", family[index]))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        for bad in ["", "Mi", "1Xi", "-1Gi", "1e400Gi", "abc"] {
            assert_eq!(double(bad), None, "{bad}");
        }
    }
}
