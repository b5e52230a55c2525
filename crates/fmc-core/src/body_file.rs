//! The file name for a saved response body.

/// The maximum length of the part of the name taken from the request path,
/// in characters.
const MAX_PATH_PART_CHARS: usize = 60;

/// Builds a file name from the request path and the time the body is saved
/// (Unix milliseconds, written as UTC): `/api/…/object/networks?limit=5` at
/// 2026-12-04 15:00:19 gives `networks-20261204-150019.json`. The extension
/// is `.json` for JSON content types and `.txt` otherwise.
pub fn body_file_name(path: &str, unix_ms: u64, content_type: Option<&str>) -> String {
    let without_query = path.split(['?', '#']).next().unwrap_or_default();
    let last_segment = without_query
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default();
    let mut name: String = last_segment
        .chars()
        .map(|character| {
            if character.is_ascii_alphanumeric() || character == '-' || character == '_' {
                character
            } else {
                '_'
            }
        })
        .take(MAX_PATH_PART_CHARS)
        .collect();
    if name.trim_matches('_').is_empty() {
        name = "response".to_owned();
    }

    let is_json = content_type.is_none_or(|value| value.to_ascii_lowercase().contains("json"));
    let extension = if is_json { "json" } else { "txt" };
    format!("{name}-{}.{extension}", utc_stamp(unix_ms))
}

/// Formats Unix milliseconds as `YYYYMMDD-HHMMSS` in UTC.
fn utc_stamp(unix_ms: u64) -> String {
    let seconds = unix_ms / 1000;
    let days = (seconds / 86_400) as i64;
    let of_day = seconds % 86_400;
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}{month:02}{day:02}-{:02}{:02}{:02}",
        of_day / 3600,
        of_day % 3600 / 60,
        of_day % 60
    )
}

/// Converts days since 1970-01-01 to a proleptic Gregorian date, with
/// Howard Hinnant's `civil_from_days` algorithm
/// (<https://howardhinnant.github.io/date_algorithms.html>).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u32;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-12-04 15:00:19 UTC.
    const SAVED_AT: u64 = 1_796_396_419_000;

    #[test]
    fn name_from_last_segment() {
        assert_eq!(
            body_file_name(
                "/api/fmc_config/v1/domain/{domainUUID}/object/networks?limit=5",
                SAVED_AT,
                Some("application/json")
            ),
            "networks-20261204-150019.json"
        );
    }

    #[test]
    fn odd_characters_replaced() {
        assert_eq!(
            body_file_name("/api/x/a b:c/", SAVED_AT, None),
            "a_b_c-20261204-150019.json"
        );
    }

    #[test]
    fn empty_path_named_response() {
        assert_eq!(
            body_file_name("", SAVED_AT, Some("text/plain")),
            "response-20261204-150019.txt"
        );
    }

    #[test]
    fn dates() {
        assert_eq!(utc_stamp(0), "19700101-000000");
        assert_eq!(utc_stamp(951_782_400_000), "20000229-000000");
        assert_eq!(utc_stamp(4_102_444_799_000), "20991231-235959");
    }
}
