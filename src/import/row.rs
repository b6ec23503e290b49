//! Turning the raw values of one record or card into a [`Row`], with the
//! same rules for every format.

use super::text::{
    clean, is_plausible_email, is_plausible_phone, linkedin_url, split_tags, strip_scheme, REPLACEMENT,
};
use super::{Field, Kind, Reason, Rejected, Row};

/// Raw values as found, each list in order of preference.
#[derive(Debug, Default)]
pub(super) struct Draft {
    pub line: usize,
    /// A single "full name" value (vCard FN, a CSV name column).
    pub full_name: String,
    /// First, middle and last name, used when there is no full name.
    pub name_parts: Vec<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub linkedin: Vec<String>,
    pub organisation: Vec<String>,
    pub role: Vec<String>,
    /// Category strings, still to be split.
    pub tags: Vec<String>,
}

impl Draft {
    pub fn new(line: usize) -> Draft {
        Draft {
            line,
            ..Draft::default()
        }
    }

    /// Only a row without any name is rejected outright, or one whose
    /// values cannot be stored as they are (too long, unreadable bytes):
    /// truncating a name would import a wrong one silently.
    ///
    /// Unusable e-mail addresses, phone numbers and LinkedIn URLs are left
    /// out with a warning, but only when they would have been used: a bad
    /// second address behind a good first one changes nothing.
    pub fn finish(self) -> Result<Row, Rejected> {
        let line = self.line;
        let reject = |reason| Rejected { line, reason };
        let mut warnings = Vec::new();

        let full = clean(&self.full_name);
        let name = if full.is_empty() {
            clean(&self.name_parts.join(" "))
        } else {
            full
        };
        let organisation = first_non_empty(&self.organisation);
        let (kind, name) = match (name.is_empty(), &organisation) {
            (false, _) => (Kind::Person, name),
            (true, Some(org)) => (Kind::Organisation, org.clone()),
            (true, None) => return Err(reject(Reason::NoName)),
        };
        let role = first_non_empty(&self.role);

        let email = pick(&self.emails, &mut warnings, Reason::BadEmail, |v| {
            let v = strip_scheme(v, "mailto:");
            is_plausible_email(v).then(|| v.to_owned())
        });
        let phone = pick(&self.phones, &mut warnings, Reason::BadPhone, |v| {
            let v = clean(strip_scheme(v, "tel:"));
            is_plausible_phone(&v).then_some(v)
        });
        let linkedin = pick(&self.linkedin, &mut warnings, Reason::BadLinkedin, linkedin_url);

        let mut tags: Vec<String> = Vec::new();
        for tag in self.tags.iter().flat_map(|t| split_tags(t)) {
            if !tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
                tags.push(tag);
            }
        }

        let texts = [
            (Field::Name, Some(&name)),
            (Field::Organisation, organisation.as_ref()),
            (Field::Role, role.as_ref()),
        ];
        for (field, value) in texts
            .into_iter()
            .chain(tags.iter().map(|t| (Field::Tag, Some(t))))
        {
            if value.is_some_and(|v| v.contains(REPLACEMENT)) {
                return Err(reject(Reason::BadEncoding { field }));
            }
        }
        let limited = [
            (Field::Name, Some(&name)),
            (Field::Organisation, organisation.as_ref()),
            (Field::Role, role.as_ref()),
            (Field::Email, email.as_ref()),
            (Field::Phone, phone.as_ref()),
            (Field::Linkedin, linkedin.as_ref()),
        ];
        for (field, value) in limited
            .into_iter()
            .chain(tags.iter().map(|t| (Field::Tag, Some(t))))
        {
            let max = field.max_chars();
            if value.is_some_and(|v| v.chars().count() > max) {
                return Err(reject(Reason::TooLong { field, max }));
            }
        }

        Ok(Row {
            line,
            kind,
            name,
            email,
            phone,
            linkedin,
            organisation,
            role,
            tags,
            warnings,
        })
    }
}

fn first_non_empty(values: &[String]) -> Option<String> {
    values.iter().map(|v| clean(v)).find(|v| !v.is_empty())
}

/// The first acceptable value; each unacceptable one met before it is
/// recorded as a warning.
fn pick(
    values: &[String],
    warnings: &mut Vec<Reason>,
    warn: fn(String) -> Reason,
    accept: impl Fn(&str) -> Option<String>,
) -> Option<String> {
    for value in values.iter().map(|v| clean(v)).filter(|v| !v.is_empty()) {
        match accept(&value) {
            Some(good) => return Some(good),
            None => warnings.push(warn(value)),
        }
    }
    None
}
