//! Dates instead of follow-up times (issue 15): a start date and an end date
//! (event or last contact) give the follow-up in months, at the project's
//! month of 30.4375 days (`mapping::TimeUnit::Days`).
//!
//! Formats: ISO `yyyy-mm-dd`, `dd.mm.yyyy`, `dd/mm/yyyy` and `mm/dd/yyyy`.
//! A column's format is settled by its values where they settle it (a first
//! number above 12 can only be a day), and asked where they do not — never
//! guessed: `01/02/2020` is 1 February in Europe and 2 January in the US.
//! Two-digit years are refused (`01.02.20`: 1920 or 2020?). Excel's serial
//! dates (the 1900 and 1904 date systems) for workbook cells typed as dates.

use crate::mapping::TimeUnit;

/// A calendar date (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// How a column writes its dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateFormat {
    /// `2020-03-31`.
    Iso,
    /// `31.03.2020` (German-speaking countries).
    DayMonthYearDots,
    /// `31/03/2020` (UK, France, Spain, Italy).
    DayMonthYearSlashes,
    /// `03/31/2020` (US).
    MonthDayYearSlashes,
}

impl DateFormat {
    /// Every format, in the order offered.
    pub const ALL: [DateFormat; 4] = [
        DateFormat::Iso,
        DateFormat::DayMonthYearDots,
        DateFormat::DayMonthYearSlashes,
        DateFormat::MonthDayYearSlashes,
    ];

    /// A stable code (the view's select values and hooks): `iso`,
    /// `dmy_dots`, `dmy_slashes`, `mdy_slashes`.
    pub fn code(self) -> &'static str {
        match self {
            DateFormat::Iso => "iso",
            DateFormat::DayMonthYearDots => "dmy_dots",
            DateFormat::DayMonthYearSlashes => "dmy_slashes",
            DateFormat::MonthDayYearSlashes => "mdy_slashes",
        }
    }

    /// The format named by [`DateFormat::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.code() == code)
    }

    /// The pattern as shown to the user.
    pub fn pattern(self) -> &'static str {
        match self {
            DateFormat::Iso => "yyyy-mm-dd",
            DateFormat::DayMonthYearDots => "dd.mm.yyyy",
            DateFormat::DayMonthYearSlashes => "dd/mm/yyyy",
            DateFormat::MonthDayYearSlashes => "mm/dd/yyyy",
        }
    }
}

/// Why a text is not a date in a format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not three numbers with the format's separators.
    NotADate,
    /// A year written with two digits: the century is unknown.
    TwoDigitYear,
    /// A month above 12 or a day the month does not have (31.04.2020).
    NoSuchDay,
}

impl DateError {
    /// A stable code for the view, which words it: `not_a_date`,
    /// `two_digit_year`, `no_such_day`.
    pub fn code(&self) -> &'static str {
        match self {
            DateError::NotADate => "not_a_date",
            DateError::TwoDigitYear => "two_digit_year",
            DateError::NoSuchDay => "no_such_day",
        }
    }
}

impl std::fmt::Display for Date {
    /// ISO 8601, `2020-03-31`: a machine form (the view writes dates in
    /// the reader's form itself).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// What a column's values say about their format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detection {
    /// One format reads every value.
    Settled(DateFormat),
    /// Several formats read every value (`01/02/2020` and nothing above 12):
    /// the user is asked, among these.
    Ambiguous(Vec<DateFormat>),
    /// No format reads every non-empty value.
    NotDates,
}

impl Date {
    /// A valid date, or `NoSuchDay`.
    pub fn new(year: i32, month: u8, day: u8) -> Result<Date, DateError> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(DateError::NoSuchDay);
        }
        Ok(Date { year, month, day })
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }
    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }
    /// The day of the month.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before), by Howard Hinnant's
    /// `days_from_civil`.
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01 (Hinnant's `civil_from_days`).
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// An Excel serial date. In the 1900 system serial 1 is 1900-01-01 and
    /// serial 60 is Excel's non-existent 1900-02-29 (kept from Lotus 1-2-3),
    /// so from serial 61 on, day 25 569 is 1970-01-01; in the 1904 system
    /// (old Mac workbooks) serial 0 is 1904-01-01 and 24 107 is 1970-01-01.
    /// The time of day (the fraction) is dropped. `None` for serial 60 in the
    /// 1900 system, negative serials and serials past year 9999.
    pub fn from_excel_serial(serial: f64, system_1904: bool) -> Option<Date> {
        if !serial.is_finite() || !(0.0..=2_958_465.0).contains(&serial) {
            return None;
        }
        let whole = serial.floor() as i64;
        let days = if system_1904 {
            whole - 24_107
        } else {
            match whole {
                0 | 60 => return None,
                1..=59 => whole - 25_568,
                _ => whole - 25_569,
            }
        };
        Some(Date::from_days_since_epoch(days))
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Reads `text` (trimmed) in `format`.
pub fn parse_date(text: &str, format: DateFormat) -> Result<Date, DateError> {
    let text = text.trim();
    let separator = match format {
        DateFormat::Iso => '-',
        DateFormat::DayMonthYearDots => '.',
        DateFormat::DayMonthYearSlashes | DateFormat::MonthDayYearSlashes => '/',
    };
    let parts: Vec<&str> = text.split(separator).collect();
    let [a, b, c] = parts.as_slice() else {
        return Err(DateError::NotADate);
    };
    let all_digits =
        |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(a) && all_digits(b) && all_digits(c)) {
        return Err(DateError::NotADate);
    }
    let (year, month, day) = match format {
        DateFormat::Iso => (*a, *b, *c),
        DateFormat::DayMonthYearDots | DateFormat::DayMonthYearSlashes => (*c, *b, *a),
        DateFormat::MonthDayYearSlashes => (*c, *a, *b),
    };
    if month.len() > 2 || day.len() > 2 {
        return Err(DateError::NotADate);
    }
    if year.len() != 4 {
        return Err(if year.len() <= 2 {
            DateError::TwoDigitYear
        } else {
            DateError::NotADate
        });
    }
    let number = |s: &str| s.parse::<u16>().map_err(|_| DateError::NotADate);
    Date::new(
        i32::from(number(year)?),
        u8::try_from(number(month)?).map_err(|_| DateError::NoSuchDay)?,
        u8::try_from(number(day)?).map_err(|_| DateError::NoSuchDay)?,
    )
}

/// The formats that read every non-empty value of a column.
pub fn detect_format<'a>(values: impl IntoIterator<Item = &'a str> + Clone) -> Detection {
    let candidates: Vec<DateFormat> = DateFormat::ALL
        .into_iter()
        .filter(|format| {
            let mut any = false;
            let all = values.clone().into_iter().all(|v| {
                if v.trim().is_empty() {
                    return true;
                }
                any = true;
                parse_date(v, *format).is_ok()
            });
            all && any
        })
        .collect();
    match candidates.as_slice() {
        [] => Detection::NotDates,
        [one] => Detection::Settled(*one),
        _ => Detection::Ambiguous(candidates),
    }
}

/// Why two dates give no follow-up time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUpError {
    /// The end date is before the start date.
    EndBeforeStart,
}

/// The follow-up from `start` to `end` in months of 30.4375 days.
pub fn months_between(start: Date, end: Date) -> Result<f64, FollowUpError> {
    let days = end.days_since_epoch() - start.days_since_epoch();
    if days < 0 {
        return Err(FollowUpError::EndBeforeStart);
    }
    Ok(TimeUnit::Days.to_months(days as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u8, d: u8) -> Date {
        Date::new(y, m, d).expect("a valid date")
    }

    #[test]
    fn format_codes_round_trip_and_dates_print_as_iso() {
        for format in DateFormat::ALL {
            assert_eq!(DateFormat::from_code(format.code()), Some(format));
        }
        assert_eq!(DateFormat::from_code("dd.mm.yy"), None);
        assert_eq!(date(2020, 3, 1).to_string(), "2020-03-01");
    }

    #[test]
    fn each_format_reads_its_own_way() {
        assert_eq!(
            parse_date("2020-03-31", DateFormat::Iso),
            Ok(date(2020, 3, 31))
        );
        assert_eq!(
            parse_date("31.03.2020", DateFormat::DayMonthYearDots),
            Ok(date(2020, 3, 31))
        );
        assert_eq!(
            parse_date(" 1.3.2020 ", DateFormat::DayMonthYearDots),
            Ok(date(2020, 3, 1))
        );
        assert_eq!(
            parse_date("31/03/2020", DateFormat::DayMonthYearSlashes),
            Ok(date(2020, 3, 31))
        );
        assert_eq!(
            parse_date("03/31/2020", DateFormat::MonthDayYearSlashes),
            Ok(date(2020, 3, 31))
        );
    }

    #[test]
    fn impossible_dates_and_two_digit_years_are_refused_with_a_reason() {
        assert_eq!(
            parse_date("31.04.2020", DateFormat::DayMonthYearDots),
            Err(DateError::NoSuchDay)
        );
        assert_eq!(
            parse_date("29.02.2019", DateFormat::DayMonthYearDots),
            Err(DateError::NoSuchDay)
        );
        assert_eq!(
            parse_date("29.02.2020", DateFormat::DayMonthYearDots),
            Ok(date(2020, 2, 29))
        );
        assert_eq!(
            parse_date("29.02.1900", DateFormat::DayMonthYearDots),
            Err(DateError::NoSuchDay)
        );
        assert_eq!(
            parse_date("01.02.20", DateFormat::DayMonthYearDots),
            Err(DateError::TwoDigitYear)
        );
        assert_eq!(
            parse_date("13/13/2020", DateFormat::DayMonthYearSlashes),
            Err(DateError::NoSuchDay)
        );
        assert_eq!(
            parse_date("2020-3", DateFormat::Iso),
            Err(DateError::NotADate)
        );
        assert_eq!(parse_date("", DateFormat::Iso), Err(DateError::NotADate));
        assert_eq!(
            parse_date("2020-01-0x", DateFormat::Iso),
            Err(DateError::NotADate)
        );
        assert_eq!(
            parse_date("01.02.02020", DateFormat::DayMonthYearDots),
            Err(DateError::NotADate)
        );
    }

    #[test]
    fn a_day_above_12_settles_slashes_and_otherwise_the_user_is_asked() {
        let european = ["01/02/2020", "", "25/12/2019"];
        assert_eq!(
            detect_format(european),
            Detection::Settled(DateFormat::DayMonthYearSlashes)
        );
        let american = ["12/25/2019", "01/02/2020"];
        assert_eq!(
            detect_format(american),
            Detection::Settled(DateFormat::MonthDayYearSlashes)
        );
        let unsettled = ["01/02/2020", "03/04/2021"];
        assert_eq!(
            detect_format(unsettled),
            Detection::Ambiguous(vec![
                DateFormat::DayMonthYearSlashes,
                DateFormat::MonthDayYearSlashes
            ])
        );
        assert_eq!(
            detect_format(["2020-01-31"]),
            Detection::Settled(DateFormat::Iso)
        );
        assert_eq!(
            detect_format(["31.01.2020"]),
            Detection::Settled(DateFormat::DayMonthYearDots)
        );
        assert_eq!(detect_format(["12", "x"]), Detection::NotDates);
        assert_eq!(detect_format(["", " "]), Detection::NotDates);
    }

    #[test]
    fn follow_up_is_counted_in_months_of_30_4375_days() {
        // 2020-01-01 → 2020-07-01: 31+29+31+30+31+30 = 182 days = 5.9795… months.
        let months = months_between(date(2020, 1, 1), date(2020, 7, 1)).expect("forward");
        assert!((months - 182.0 / 30.4375).abs() < 1e-12);
        assert_eq!(months_between(date(2020, 1, 1), date(2020, 1, 1)), Ok(0.0));
        assert_eq!(
            months_between(date(2020, 1, 2), date(2020, 1, 1)),
            Err(FollowUpError::EndBeforeStart)
        );
    }

    #[test]
    fn day_numbers_agree_with_known_dates() {
        // 1970-01-01 is day 0; 2000-03-01 is day 11 017 (R: as.numeric(as.Date("2000-03-01"))).
        assert_eq!(date(1970, 1, 1).days_since_epoch(), 0);
        assert_eq!(date(2000, 3, 1).days_since_epoch(), 11_017);
        assert_eq!(date(1969, 12, 31).days_since_epoch(), -1);
        for days in [-800_000i64, -1, 0, 59, 11_016, 11_017, 20_000, 2_000_000] {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
    }

    #[test]
    fn excel_serials_in_both_date_systems() {
        // Excel: 43 831 is 2020-01-01 (1900 system); 1 is 1900-01-01; 61 is
        // 1900-03-01 (60 is the non-existent 1900-02-29); in the 1904 system
        // 42 369 is 2020-01-01 (1 462 days fewer).
        assert_eq!(
            Date::from_excel_serial(43_831.0, false),
            Some(date(2020, 1, 1))
        );
        assert_eq!(
            Date::from_excel_serial(43_831.75, false),
            Some(date(2020, 1, 1))
        );
        assert_eq!(Date::from_excel_serial(1.0, false), Some(date(1900, 1, 1)));
        assert_eq!(
            Date::from_excel_serial(59.0, false),
            Some(date(1900, 2, 28))
        );
        assert_eq!(Date::from_excel_serial(60.0, false), None);
        assert_eq!(Date::from_excel_serial(61.0, false), Some(date(1900, 3, 1)));
        assert_eq!(
            Date::from_excel_serial(42_369.0, true),
            Some(date(2020, 1, 1))
        );
        assert_eq!(Date::from_excel_serial(0.0, true), Some(date(1904, 1, 1)));
        assert_eq!(Date::from_excel_serial(-1.0, false), None);
        assert_eq!(Date::from_excel_serial(f64::NAN, false), None);
    }

    proptest::proptest! {
        #[test]
        fn no_text_makes_the_date_reader_panic(text in ".{0,24}") {
            for format in DateFormat::ALL {
                let _ = parse_date(&text, format);
            }
            let _ = detect_format([text.as_str()]);
        }

        #[test]
        fn a_date_written_in_each_format_reads_back(days in -30_000i64..60_000) {
            let d = Date::from_days_since_epoch(days);
            let texts = [
                (DateFormat::Iso, format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())),
                (DateFormat::DayMonthYearDots, format!("{}.{}.{:04}", d.day(), d.month(), d.year())),
                (DateFormat::DayMonthYearSlashes, format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())),
                (DateFormat::MonthDayYearSlashes, format!("{:02}/{:02}/{:04}", d.month(), d.day(), d.year())),
            ];
            for (format, text) in texts {
                proptest::prop_assert_eq!(parse_date(&text, format), Ok(d));
            }
        }
    }
}
