//! What evaluating a lead yields, and the small types that name a program's parts:
//! [`Truth`] under three-valued logic, [`TierId`], [`CondId`].

/// The result of a condition under three-valued logic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Truth {
    /// Definitely true.
    True,
    /// Definitely false.
    False,
    /// A value it depends on is missing.
    Unknown,
}

impl Truth {
    /// Only `True` fires a rule.
    pub fn is_true(self) -> bool {
        self == Truth::True
    }
}

impl From<bool> for Truth {
    fn from(b: bool) -> Truth {
        if b { Truth::True } else { Truth::False }
    }
}

/// Index of a compiled condition in the program (step guards, exits).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CondId(pub u32);

/// Index of a tier in heat order (0 = hottest).
pub type TierId = usize;

/// A lead's score values. Programs declare a few scores, so they are kept in place:
/// a heap list per lead cost a million allocations on a million-lead run.
pub type Scores = smallvec::SmallVec<[f64; 4]>;

/// What evaluating one lead yields.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The tier (index into the program's tier names, hottest first).
    pub tier: TierId,
    /// One value per score, in declaration order.
    pub scores: Scores,
    /// Index of the `suppress` rule that matched, if any.
    pub suppressed_by: Option<usize>,
}
