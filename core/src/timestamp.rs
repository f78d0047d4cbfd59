//! Timestamps in every format the API sends, kept exactly as sent.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A timestamp from the API: the text as sent, and the instant when it parses.
///
/// Accepts `2014-05-23T13:50:33Z`, fractional seconds, `±hh:mm` offsets and
/// `2014-05-23 13:50:33 UTC`. Text in another format is kept; [`Timestamp::unix_seconds`]
/// is then `None`, so a new format never breaks a whole response.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Timestamp {
    raw: String,
    instant: Option<(i64, u32)>,
}

impl Timestamp {
    /// Reads a timestamp from its text.
    pub fn parse(raw: impl Into<String>) -> Timestamp {
        let raw = raw.into();
        let instant = parse_instant(&raw);
        Timestamp { raw, instant }
    }

    /// The text as the API sent it.
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// Seconds since the Unix epoch, if the text is a known format.
    pub fn unix_seconds(&self) -> Option<i64> {
        self.instant.map(|(s, _)| s)
    }

    /// Nanoseconds past [`Timestamp::unix_seconds`].
    pub fn subsec_nanos(&self) -> Option<u32> {
        self.instant.map(|(_, n)| n)
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.raw, f)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.raw)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Ok(Timestamp::parse(raw.into_owned()))
    }
}

/// A cursor over ASCII digits and separators.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Cursor { bytes: text.as_bytes(), pos: 0 }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.pos += 1)
    }

    fn digits(&mut self, n: usize) -> Option<u32> {
        let mut value = 0u32;
        for _ in 0..n {
            let b = self.peek().filter(u8::is_ascii_digit)?;
            value = value * 10 + u32::from(b - b'0');
            self.pos += 1;
        }
        Some(value)
    }

    fn rest(&self) -> &'a [u8] {
        self.bytes.get(self.pos..).unwrap_or_default()
    }
}

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1 to 12.
    pub month: u32,
    /// Day of the month, from 1.
    pub day: u32,
}

impl Date {
    /// Parses a real `yyyy-mm-dd` date.
    pub fn parse(text: &str) -> Option<Date> {
        parse_date(text).map(|(year, month, day)| Date { year, month, day })
    }

    /// The UTC date of a Unix time in seconds.
    pub fn from_unix(seconds: i64) -> Date {
        // Howard Hinnant's civil_from_days.
        let z = seconds.div_euclid(86_400) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
        let month = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
        let year = i32::try_from(yoe + era * 400 + i64::from(month <= 2)).unwrap_or(i32::MAX);
        Date { year, month, day }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A Unix time as `2014-05-23T13:50:33Z`.
pub fn format_rfc3339(seconds: i64) -> String {
    let date = Date::from_unix(seconds);
    let t = seconds.rem_euclid(86_400);
    format!("{date}T{:02}:{:02}:{:02}Z", t / 3600, t / 60 % 60, t % 60)
}

/// A Unix time as the v2 webhooks write it: `2014-05-23 13:50:33 UTC`.
pub fn format_v2(seconds: i64) -> String {
    let date = Date::from_unix(seconds);
    let t = seconds.rem_euclid(86_400);
    format!("{date} {:02}:{:02}:{:02} UTC", t / 3600, t / 60 % 60, t % 60)
}

/// Parses `yyyy-mm-dd` into a real calendar date.
pub fn parse_date(text: &str) -> Option<(i32, u32, u32)> {
    let mut c = Cursor::new(text);
    let date = date_part(&mut c)?;
    c.rest().is_empty().then_some(date)
}

fn date_part(c: &mut Cursor<'_>) -> Option<(i32, u32, u32)> {
    let year = c.digits(4)?;
    c.eat(b'-')?;
    let month = c.digits(2)?;
    c.eat(b'-')?;
    let day = c.digits(2)?;
    let year = i32::try_from(year).ok()?;
    ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some((year, month, day))
}

fn parse_instant(text: &str) -> Option<(i64, u32)> {
    let mut c = Cursor::new(text.trim());
    let (year, month, day) = date_part(&mut c)?;
    let days = days_from_civil(year, month, day);
    if c.rest().is_empty() {
        return Some((days * 86_400, 0));
    }
    match c.peek()? {
        b'T' | b't' | b' ' => c.pos += 1,
        _ => return None,
    }
    let hour = c.digits(2)?;
    c.eat(b':')?;
    let minute = c.digits(2)?;
    c.eat(b':')?;
    let second = c.digits(2)?;
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut nanos = 0u32;
    if c.eat(b'.').is_some() {
        let mut scale = 100_000_000u32;
        let mut any = false;
        while let Some(b) = c.peek().filter(u8::is_ascii_digit) {
            nanos += u32::from(b - b'0') * scale;
            scale /= 10;
            c.pos += 1;
            any = true;
        }
        if !any {
            return None;
        }
    }
    let offset = match c.rest() {
        b"Z" | b"z" | b" UTC" | b" GMT" | b"" | b" +0000" => 0,
        [sign @ (b'+' | b'-'), ..] => {
            c.pos += 1;
            let oh = c.digits(2)?;
            let _ = c.eat(b':');
            let om = c.digits(2)?;
            if !c.rest().is_empty() || oh > 23 || om > 59 {
                return None;
            }
            let seconds = i64::from(oh * 3600 + om * 60);
            if *sign == b'-' {
                -seconds
            } else {
                seconds
            }
        }
        _ => return None,
    };
    let secs = days * 86_400 + i64::from(hour * 3600 + minute * 60 + second) - offset;
    Some((secs, nanos))
}

/// Parses an HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`) into Unix seconds.
pub fn parse_http_date(text: &str) -> Option<i64> {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let (_, rest) = text.trim().split_once(", ")?;
    let mut parts = rest.split(' ');
    let day: u32 = parts.next()?.parse().ok()?;
    let month_name = parts.next()?;
    let month = u32::try_from(MONTHS.iter().position(|m| m.eq_ignore_ascii_case(month_name))? + 1).ok()?;
    let year: i32 = parts.next()?.parse().ok()?;
    let time = parts.next()?;
    if parts.next()? != "GMT" || parts.next().is_some() {
        return None;
    }
    let mut hms = time.split(':').map(|p| p.parse::<u32>().ok());
    let (h, m, s) = (hms.next()??, hms.next()??, hms.next()??);
    if hms.next().is_some() || h > 23 || m > 59 || s > 60 || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + i64::from(h * 3600 + m * 60 + s))
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in a month of the proleptic Gregorian calendar.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_reference_format() {
        let a = Timestamp::parse("2014-05-23T13:50:33Z");
        let b = Timestamp::parse("2014-05-23 13:50:33 UTC");
        assert_eq!(a.unix_seconds(), Some(1_400_853_033));
        assert_eq!(a.unix_seconds(), b.unix_seconds());
        let c = Timestamp::parse("2014-05-23T14:50:33.250+01:00");
        assert_eq!(c.unix_seconds(), Some(1_400_853_033));
        assert_eq!(c.subsec_nanos(), Some(250_000_000));
        assert_eq!(Timestamp::parse("yesterday").unix_seconds(), None);
        assert_eq!(Timestamp::parse("yesterday").as_str(), "yesterday");
    }

    #[test]
    fn dates_are_real_calendar_dates() {
        assert_eq!(parse_date("1990-01-01"), Some((1990, 1, 1)));
        assert_eq!(parse_date("2000-02-29"), Some((2000, 2, 29)));
        assert_eq!(parse_date("1900-02-29"), None);
        assert_eq!(parse_date("1990-02-30"), None);
        assert_eq!(parse_date("01/01/1990"), None);
        assert_eq!(parse_date("1990-1-1"), None);
    }

    #[test]
    fn dates_from_unix_time() {
        assert_eq!(Date::from_unix(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_unix(1_400_853_033).to_string(), "2014-05-23");
        assert_eq!(Date::from_unix(951_782_400).to_string(), "2000-02-29");
        assert_eq!(Date::from_unix(-1).to_string(), "1969-12-31");
        for days in [0i64, 59, 60, 365, 10_000, 20_000, -5000] {
            let d = Date::from_unix(days * 86_400);
            assert_eq!(days_from_civil(d.year, d.month, d.day), days);
        }
    }

    #[test]
    fn formats_round_trip() {
        assert_eq!(format_rfc3339(1_400_853_033), "2014-05-23T13:50:33Z");
        assert_eq!(format_v2(1_400_853_033), "2014-05-23 13:50:33 UTC");
        assert_eq!(Timestamp::parse(format_v2(-1)).unix_seconds(), Some(-1));
    }

    #[test]
    fn http_dates() {
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(784_111_777));
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37"), None);
    }
}
