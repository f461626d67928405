//! The built-in functions: `days_since days_until hours_since lower len domain`.
//!
//! Every function takes one argument; the checker knows their signatures from here,
//! `eval` what they compute.

use crate::value::FieldType;

/// A built-in function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Function {
    DaysSince,
    DaysUntil,
    HoursSince,
    Lower,
    Len,
    Domain,
}

impl Function {
    /// Every function, for lookups and "did you mean" help.
    pub(crate) const ALL: [Function; 6] = [
        Function::DaysSince,
        Function::DaysUntil,
        Function::HoursSince,
        Function::Lower,
        Function::Len,
        Function::Domain,
    ];

    pub(crate) fn from_name(name: &str) -> Option<Function> {
        Function::ALL.into_iter().find(|f| f.name() == name)
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Function::DaysSince => "days_since",
            Function::DaysUntil => "days_until",
            Function::HoursSince => "hours_since",
            Function::Lower => "lower",
            Function::Len => "len",
            Function::Domain => "domain",
        }
    }

    /// The argument types it accepts.
    pub(crate) fn accepts(self) -> &'static [FieldType] {
        match self {
            Function::DaysSince | Function::DaysUntil | Function::HoursSince => &[FieldType::Date],
            Function::Lower | Function::Domain => &[FieldType::Text],
            Function::Len => &[FieldType::Text, FieldType::List],
        }
    }

    /// The type of its result.
    pub(crate) fn returns(self) -> FieldType {
        match self {
            Function::DaysSince | Function::DaysUntil | Function::HoursSince | Function::Len => {
                FieldType::Number
            }
            Function::Lower | Function::Domain => FieldType::Text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for f in Function::ALL {
            assert_eq!(Function::from_name(f.name()), Some(f));
        }
        assert_eq!(Function::from_name("upper"), None);
    }
}
