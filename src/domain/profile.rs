//! A relation's details as people type them: an email address, a phone number, a LinkedIn
//! profile, tags, and how often to keep in touch. Each is read forgivingly (spaces,
//! "mailto:", a URL without "https://") and refused with the reason when it is not one.

use chrono::{DateTime, Months, Utc};

use super::dates;
use super::relation::fold;

pub const EMAIL_MAX: usize = 254;
pub const PHONE_MAX: usize = 40;
pub const LINKEDIN_MAX: usize = 200;
pub const ROLE_MAX: usize = 100;
pub const TAG_MAX: usize = 30;
pub const TAGS_MAX: usize = 10;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DetailError {
    /// Not an email address: no "@", no domain with a dot, spaces inside.
    Email,
    /// Fewer than 6 or more than 15 digits, or letters in it.
    Phone,
    /// Not a linkedin.com profile or company page.
    LinkedIn,
    /// A tag over [`TAG_MAX`] characters, or more than [`TAGS_MAX`] tags.
    Tags,
    /// A cadence that cannot be read ("every 3 months", "elke 2 weken").
    CadenceUnreadable,
    /// Shorter than a week: that is a to-do, not keeping in touch.
    CadenceTooShort,
    /// Longer than five years.
    CadenceTooLong,
}

/// An email address, trimmed, with "mailto:" and angle brackets taken off and the domain
/// lower-cased.
pub fn email(input: &str) -> Result<String, DetailError> {
    let trimmed = input.trim().trim_start_matches("mailto:").trim();
    let trimmed = trimmed.trim_start_matches('<').trim_end_matches('>');
    if trimmed.chars().count() > EMAIL_MAX || trimmed.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(DetailError::Email);
    }
    let (local, domain) = trimmed.rsplit_once('@').ok_or(DetailError::Email)?;
    let labels_ok = domain
        .split('.')
        .all(|l| !l.is_empty() && !l.starts_with('-') && l.chars().all(|c| c.is_alphanumeric() || c == '-'));
    if local.is_empty() || local.contains('@') || !domain.contains('.') || !labels_ok {
        return Err(DetailError::Email);
    }
    Ok(format!("{local}@{}", domain.to_lowercase()))
}

/// A phone number as typed, spaces tidied: "+31 6 1234 5678", "06-12345678",
/// "(030) 123 4567". It holds 6 to 15 digits (E.164's most) and nothing but digits, a
/// leading "+", spaces, dashes, dots, slashes and brackets.
pub fn phone(input: &str) -> Result<String, DetailError> {
    let shown = input.split_whitespace().collect::<Vec<_>>().join(" ");
    let digits = shown.chars().filter(char::is_ascii_digit).count();
    let allowed = shown
        .char_indices()
        .all(|(i, c)| c.is_ascii_digit() || " -./()".contains(c) || (c == '+' && i == 0));
    if !allowed || !(6..=15).contains(&digits) || shown.chars().count() > PHONE_MAX {
        return Err(DetailError::Phone);
    }
    Ok(shown)
}

/// A LinkedIn profile or company page, as `https://www.linkedin.com/in/…`: typed with or
/// without the scheme or "www.", with a country subdomain, or with a query string.
pub fn linkedin(input: &str) -> Result<String, DetailError> {
    let trimmed = input.trim();
    let rest = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"))
        .unwrap_or(trimmed);
    let (host, path) = rest.split_once('/').ok_or(DetailError::LinkedIn)?;
    let host = host.to_lowercase();
    if host != "linkedin.com" && !host.ends_with(".linkedin.com") {
        return Err(DetailError::LinkedIn);
    }
    let path = path
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .trim_end_matches('/');
    let (section, name) = path.split_once('/').ok_or(DetailError::LinkedIn)?;
    let name_ok = !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || "-_%./".contains(c));
    if !matches!(section, "in" | "company" | "pub" | "school") || !name_ok {
        return Err(DetailError::LinkedIn);
    }
    let url = format!("https://www.linkedin.com/{section}/{name}");
    if url.chars().count() > LINKEDIN_MAX {
        return Err(DetailError::LinkedIn);
    }
    Ok(url)
}

/// Tags from a comma-separated list: trimmed, without empty ones or ones repeated in
/// another case or spelling.
pub fn tags(input: &str) -> Result<Vec<String>, DetailError> {
    let mut out: Vec<String> = Vec::new();
    for tag in input.split([',', ';']) {
        let tag = tag.split_whitespace().collect::<Vec<_>>().join(" ");
        if tag.is_empty() || out.iter().any(|t| fold(t) == fold(&tag)) {
            continue;
        }
        if tag.chars().count() > TAG_MAX || tag.chars().any(char::is_control) {
            return Err(DetailError::Tags);
        }
        out.push(tag);
    }
    if out.len() > TAGS_MAX {
        return Err(DetailError::Tags);
    }
    Ok(out)
}

/// How often a relation should hear from us: a number of months or of days (weeks are
/// kept as days), at least a week and at most five years.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cadence {
    pub months: u32,
    pub days: u32,
}

impl Cadence {
    pub const MIN_DAYS: u32 = 7;
    pub const MAX_MONTHS: u32 = 60;

    /// "every 3 months", "elke 3 maanden", "monthly", "per kwartaal", "2 weeks",
    /// "halfjaarlijks", "every year".
    pub fn parse(input: &str) -> Result<Cadence, DetailError> {
        let key = fold(input);
        let words: Vec<&str> = key.split_whitespace().collect();
        let rest = match words.first() {
            Some(&("every" | "each" | "elke" | "elk" | "iedere" | "ieder" | "om" | "per" | "once")) => {
                &words[1..]
            }
            _ => &words[..],
        };
        let rest = rest.join(" ");
        let (months, days) = match rest.as_str() {
            "week" | "weekly" | "wekelijks" => (0, 7),
            "fortnight" | "biweekly" | "tweewekelijks" | "two weeks" => (0, 14),
            "month" | "monthly" | "maand" | "maandelijks" => (1, 0),
            "quarter" | "quarterly" | "kwartaal" | "driemaandelijks" => (3, 0),
            "half year" | "six months" | "halfjaar" | "half jaar" | "halfjaarlijks" => (6, 0),
            "year" | "yearly" | "annually" | "jaar" | "jaarlijks" => (12, 0),
            other => {
                let other = other
                    .strip_suffix(" a year")
                    .or_else(|| other.strip_suffix(" per jaar"));
                match other {
                    Some(times) => Self::times_a_year(times)?,
                    // "elke dag", "every 3 weeks"
                    None => dates::parse_period(&rest)
                        .or_else(|| dates::parse_period(&format!("1 {rest}")))
                        .ok_or(DetailError::CadenceUnreadable)?,
                }
            }
        };
        Self::new(months, days)
    }

    /// "4 times a year", "2 keer per jaar".
    fn times_a_year(times: &str) -> Result<(u32, u32), DetailError> {
        let n: u32 = times
            .trim_end_matches(" times")
            .trim_end_matches(" keer")
            .trim_end_matches(" maal")
            .parse()
            .map_err(|_| DetailError::CadenceUnreadable)?;
        if n == 0 || 12 % n != 0 {
            return Err(DetailError::CadenceUnreadable);
        }
        Ok((12 / n, 0))
    }

    pub fn new(months: u32, days: u32) -> Result<Cadence, DetailError> {
        if months > 0 && days > 0 {
            // "1 month and 3 days" is no cadence anyone keeps.
            return Err(DetailError::CadenceUnreadable);
        }
        if months == 0 && days < Self::MIN_DAYS {
            return Err(DetailError::CadenceTooShort);
        }
        if months > Self::MAX_MONTHS || days > Self::MAX_MONTHS * 31 {
            return Err(DetailError::CadenceTooLong);
        }
        Ok(Cadence { months, days })
    }

    /// When a relation last contacted at `last` is due to hear from us again.
    pub fn lapses_at(self, last: DateTime<Utc>) -> Option<DateTime<Utc>> {
        last.checked_add_months(Months::new(self.months))?
            .checked_add_signed(chrono::Duration::days(i64::from(self.days)))
    }

    /// Whether a relation last contacted at `last` (or, never contacted, added then) is
    /// overdue for a contact at `now`.
    pub fn lapsed(self, last: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        self.lapses_at(last).is_some_and(|at| at <= now)
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn email_addresses_are_read_as_people_paste_them() {
        for (typed, read) in [
            ("jan@gemeente.nl", "jan@gemeente.nl"),
            ("  Jan.de.Vries@Utrecht.NL ", "Jan.de.Vries@utrecht.nl"),
            ("mailto:info@ggd.nl", "info@ggd.nl"),
            ("<zoe@zorg-groep.nl>", "zoe@zorg-groep.nl"),
            ("a+b@x.co.uk", "a+b@x.co.uk"),
        ] {
            assert_eq!(email(typed), Ok(read.to_string()), "{typed}");
        }
        for typed in [
            "jan",
            "jan@",
            "@gemeente.nl",
            "jan@gemeente",
            "jan @gemeente.nl",
            "jan@gem..nl",
            "jan@-x.nl",
            "",
        ] {
            assert_eq!(email(typed), Err(DetailError::Email), "{typed}");
        }
    }

    #[test]
    fn phone_numbers_keep_their_shape_and_need_enough_digits() {
        for (typed, read) in [
            ("+31 6 1234 5678", "+31 6 1234 5678"),
            ("06-12345678", "06-12345678"),
            ("(030)  123 4567", "(030) 123 4567"),
            ("030/1234567", "030/1234567"),
        ] {
            assert_eq!(phone(typed), Ok(read.to_string()), "{typed}");
        }
        for typed in [
            "12345",
            "bel mij",
            "06-1234567x",
            "1+31612345678",
            "+31 6 1234 5678 9012 34",
            "",
        ] {
            assert_eq!(phone(typed), Err(DetailError::Phone), "{typed}");
        }
    }

    #[test]
    fn linkedin_profiles_are_written_one_way() {
        for typed in [
            "https://www.linkedin.com/in/jan-de-vries",
            "linkedin.com/in/jan-de-vries/",
            "http://nl.linkedin.com/in/jan-de-vries?trk=abc",
            "www.LinkedIn.com/in/jan-de-vries#about",
        ] {
            assert_eq!(
                linkedin(typed),
                Ok("https://www.linkedin.com/in/jan-de-vries".to_string()),
                "{typed}"
            );
        }
        assert_eq!(
            linkedin("linkedin.com/company/ggd-utrecht"),
            Ok("https://www.linkedin.com/company/ggd-utrecht".to_string())
        );
        for typed in [
            "jan-de-vries",
            "https://evil.com/in/jan",
            "linkedin.com",
            "linkedin.com/in/",
            "linkedin.com/feed/x",
            "https://notlinkedin.com/in/x",
        ] {
            assert_eq!(linkedin(typed), Err(DetailError::LinkedIn), "{typed}");
        }
    }

    #[test]
    fn tags_are_split_trimmed_and_deduplicated() {
        assert_eq!(
            tags("zorg, Wmo ,zorg;  jeugd  hulp,,"),
            Ok(vec![
                "zorg".to_string(),
                "Wmo".to_string(),
                "jeugd hulp".to_string()
            ])
        );
        assert_eq!(tags(&"x".repeat(TAG_MAX + 1)), Err(DetailError::Tags));
        let many: Vec<String> = (0..=TAGS_MAX).map(|i| format!("t{i}")).collect();
        assert_eq!(tags(&many.join(",")), Err(DetailError::Tags));
    }

    #[test]
    fn cadences_read_in_both_languages() {
        let month = |m| Cadence { months: m, days: 0 };
        let day = |d| Cadence { months: 0, days: d };
        for (typed, read) in [
            ("every 3 months", month(3)),
            ("elke 3 maanden", month(3)),
            ("Elke drie maanden", month(3)),
            ("monthly", month(1)),
            ("maandelijks", month(1)),
            ("every month", month(1)),
            ("per kwartaal", month(3)),
            ("elk kwartaal", month(3)),
            ("halfjaarlijks", month(6)),
            ("every year", month(12)),
            ("jaarlijks", month(12)),
            ("2 keer per jaar", month(6)),
            ("4 times a year", month(3)),
            ("every 2 weeks", day(14)),
            ("tweewekelijks", day(14)),
            ("elke week", day(7)),
            ("6 weken", day(42)),
            ("iedere 10 dagen", day(10)),
            ("1 jaar", month(12)),
        ] {
            assert_eq!(Cadence::parse(typed), Ok(read), "{typed}");
        }
        for (typed, problem) in [
            ("soms", DetailError::CadenceUnreadable),
            ("every 3 days", DetailError::CadenceTooShort),
            ("elke dag", DetailError::CadenceTooShort),
            ("every 2 hours", DetailError::CadenceUnreadable),
            ("every 61 months", DetailError::CadenceTooLong),
            ("elke 99999999 jaar", DetailError::CadenceTooLong),
            ("5 times a year", DetailError::CadenceUnreadable),
            ("1 month and 3 days", DetailError::CadenceUnreadable),
            ("", DetailError::CadenceUnreadable),
        ] {
            assert_eq!(Cadence::parse(typed), Err(problem), "{typed}");
        }
    }

    #[test]
    fn a_cadence_lapses_on_the_calendar() {
        let at = |m, d| Utc.with_ymd_and_hms(2026, m, d, 10, 0, 0).unwrap();
        let quarterly = Cadence { months: 3, days: 0 };
        assert_eq!(
            quarterly.lapses_at(at(11, 30)),
            Some(Utc.with_ymd_and_hms(2027, 2, 28, 10, 0, 0).unwrap())
        );
        assert!(!quarterly.lapsed(at(9, 3), at(12, 2)));
        assert!(quarterly.lapsed(at(9, 2), at(12, 2)));
        let fortnight = Cadence { months: 0, days: 14 };
        assert!(fortnight.lapsed(at(11, 18), at(12, 2)));
        assert!(!fortnight.lapsed(at(11, 19), at(12, 2)));
    }
}
