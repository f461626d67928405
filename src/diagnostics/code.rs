//! Diagnostic codes: one per kind of problem, stable once assigned (`LP0101` means
//! "unknown name" in every release), so editors, CI annotations and the engine's own
//! decisions (which errors are follow-on errors) never depend on a message's wording.
//!
//! The numbers are grouped by layer: `LP00xx` syntax, `LP01xx` names and definitions,
//! `LP02xx` expressions and types, `LP03xx` tiers, playbooks and assignment, `LP04xx`
//! the workspace and `leadplay.yaml`, `LP05xx` lead data, `LP06xx` templates, `LP07xx`
//! playbook tests, `LP09xx` internal errors. Each is explained in `docs/diagnostics.md`.

use super::Severity;

/// Declares [`Code`] from one table: variant, code, severity and one-line title.
macro_rules! codes {
    ($($name:ident = $code:literal, $severity:ident, $title:literal;)*) => {
        /// The kind of a diagnostic; its [`Code::as_str`] is shown as `error[LP0101]`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(#[doc = $title] $name,)*
        }

        impl Code {
            /// Every code, in number order (the tests check the docs against it).
            #[cfg(test)]
            pub const ALL: &'static [Code] = &[$(Code::$name,)*];

            /// The code as shown: `LP0101`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$name => $code,)* }
            }

            /// Whether a problem of this kind is an error or a warning.
            pub fn severity(self) -> Severity {
                match self { $(Code::$name => Severity::$severity,)* }
            }

            /// The one-line title, as in `docs/diagnostics.md`.
            #[cfg(test)]
            pub fn title(self) -> &'static str {
                match self { $(Code::$name => $title,)* }
            }
        }
    };
}

codes! {
    // Syntax.
    SyntaxError = "LP0001", Error, "syntax error";
    UnexpectedText = "LP0002", Error, "unexpected text after a complete rule";
    BadNumber = "LP0003", Error, "a number that cannot be used";
    BadEscape = "LP0004", Error, "invalid escape in a string";
    BadDate = "LP0005", Error, "invalid date literal";
    TooDeep = "LP0006", Error, "expression nested too deeply";
    TooComplex = "LP0007", Error, "file too complex to parse";
    FileTooLarge = "LP0008", Error, "file too large to be a playbook";
    // Names and definitions.
    UnknownName = "LP0101", Error, "unknown name";
    DefinedTwice = "LP0102", Error, "name defined twice";
    FieldDeclaredTwice = "LP0103", Error, "field declared twice";
    NoKeyField = "LP0104", Error, "`fields` block without a key field";
    SecondKeyField = "LP0105", Error, "a second key field";
    UnknownType = "LP0106", Error, "unknown field type";
    UnknownRole = "LP0107", Error, "unknown role";
    RoleTwice = "LP0108", Error, "two fields play the same role";
    FormatNotDate = "LP0109", Error, "a format on a field that is not a date";
    BadDateFormat = "LP0110", Error, "invalid date format";
    NotAColumn = "LP0111", Warning, "name that is not a column of the leads file";
    Cycle = "LP0112", Error, "definition cycle";
    UsedBeforeDefinition = "LP0113", Error, "name used before its definition";
    UnknownFunction = "LP0114", Error, "unknown function";
    ArgumentCount = "LP0115", Error, "wrong number of arguments";
    UnusedSegment = "LP0116", Warning, "segment never used";
    MissingColumn = "LP0117", Error, "mapped column missing from the leads file";
    // Expressions and types.
    TypeMismatch = "LP0201", Error, "value of the wrong type";
    NotACondition = "LP0202", Error, "expected a condition";
    ListComparison = "LP0203", Error, "lists compared with an operator";
    Incomparable = "LP0204", Error, "values of different types compared";
    NeedsList = "LP0205", Error, "a list was expected";
    NumberTooLarge = "LP0206", Error, "number too large";
    ListNotLiteral = "LP0207", Error, "list item that is not a literal";
    MatchesNotLiteral = "LP0208", Error, "`matches` without a string literal";
    BadRegex = "LP0209", Error, "invalid regular expression";
    SecondRange = "LP0210", Error, "a second `range` in a score";
    BackwardRange = "LP0211", Error, "`range` runs backwards";
    DecayNotWhen = "LP0212", Error, "decay on a rule that is not `when`";
    HalfLifeZero = "LP0213", Error, "half-life that is not positive";
    UpToNotPositive = "LP0214", Error, "`up to` that is not positive";
    // Tiers, playbooks, variants, assignment.
    NoTiers = "LP0301", Error, "no `tiers` block";
    SecondTiers = "LP0302", Error, "a second `tiers` block";
    AfterOtherwise = "LP0303", Error, "tier rule after `otherwise`";
    NoOtherwise = "LP0304", Error, "`tiers` without `otherwise`";
    SecondPlaybook = "LP0305", Error, "a second playbook for a tier";
    UnknownTier = "LP0306", Error, "unknown tier";
    StepTwice = "LP0307", Error, "the same step twice in a playbook";
    StepsOutOfOrder = "LP0308", Warning, "steps out of day order";
    UnknownChannel = "LP0309", Error, "unknown channel";
    TierWithoutPlaybook = "LP0310", Warning, "tier without a playbook";
    BadPercentage = "LP0311", Error, "percentage outside 0%..100%";
    NoEmailRole = "LP0312", Error, "email steps without an `email` role field";
    NoEmailColumn = "LP0313", Error, "email steps and no `email` column";
    NoFromAddress = "LP0314", Error, "email steps without a From address";
    ShortVariantList = "LP0315", Error, "variant list with fewer than two templates";
    VariantTwice = "LP0316", Error, "template twice in a variant list";
    VariantWithoutWeight = "LP0317", Error, "variant without a weight";
    WeightsNot100 = "LP0318", Error, "variant weights that do not add up to 100%";
    SecondAssign = "LP0319", Error, "a second `assign` block for a team";
    NotAMember = "LP0320", Error, "assigned rep who is not a member";
    TeamWithoutMembers = "LP0321", Error, "`assign` for a team without members";
    UnknownTeam = "LP0322", Error, "`assign` for an unknown team";
    MemberWithoutEmail = "LP0323", Warning, "member without an email on an email step";
    SecondHandoff = "LP0324", Error, "a second `handoff` in a playbook";
    // Workspace and leadplay.yaml.
    ConfigUnreadable = "LP0401", Error, "`leadplay.yaml` cannot be read";
    ConfigInvalid = "LP0402", Error, "invalid `leadplay.yaml`";
    ConfigUnknownKey = "LP0403", Error, "unknown key in `leadplay.yaml`";
    ConfigBadSetting = "LP0404", Error, "invalid time zone, send time or calendar";
    ConfigBadRoster = "LP0405", Error, "invalid team members";
    PathsOverlap = "LP0406", Error, "workspace paths that overlap";
    PlaybooksUnreadable = "LP0407", Error, "playbook file or folder cannot be read";
    NoPlayFiles = "LP0408", Error, "no `.play` files";
    // Lead data.
    LeadsUnreadable = "LP0501", Error, "leads file cannot be read";
    LeadsExtension = "LP0502", Error, "leads format unknown from the extension";
    LeadsFormatName = "LP0503", Error, "unknown `--leads-format`";
    NoKeyColumn = "LP0504", Error, "leads file without the key column";
    LeadsMalformed = "LP0505", Error, "leads document that does not parse";
    MalformedRecord = "LP0506", Error, "record that does not parse";
    RowWidth = "LP0507", Error, "row width differs from the header";
    BadKey = "LP0508", Error, "missing or invalid key";
    DuplicateKey = "LP0509", Error, "duplicate key";
    RequiredMissing = "LP0510", Error, "required value missing";
    RequiredUnreadable = "LP0511", Error, "required value of the wrong type";
    NotUtf8Value = "LP0512", Error, "value that is not UTF-8";
    BadCell = "LP0513", Warning, "unreadable value, treated as missing";
    EmptyRole = "LP0514", Warning, "role field empty in every row";
    UnmatchedOwner = "LP0515", Warning, "owner values that name no member";
    // Templates.
    TemplateNotFound = "LP0601", Error, "template not found";
    UnknownVariable = "LP0602", Error, "unknown template variable";
    SizeTooLarge = "LP0603", Error, "constant size a render would refuse";
    NoUnsubscribe = "LP0604", Warning, "template without unsubscribe wording";
    TemplateSyntax = "LP0605", Error, "template syntax error";
    LanguageTwice = "LP0606", Error, "two templates for one language";
    TemplateUnreadable = "LP0607", Error, "template file cannot be read";
    TemplateOutside = "LP0608", Error, "template links outside the templates folder";
    FrontMatterOpen = "LP0609", Error, "front matter not closed";
    FrontMatterYaml = "LP0610", Error, "front matter that is not valid YAML";
    FrontMatterShape = "LP0611", Error, "front matter that is not a mapping";
    FrontMatterKey = "LP0612", Error, "unknown front matter key";
    FrontMatterNotText = "LP0613", Error, "front matter value that is not text";
    HeadersShape = "LP0614", Error, "`headers` that is not a mapping";
    BadHeader = "LP0615", Error, "header that cannot be sent";
    HeaderTwice = "LP0616", Error, "header given twice";
    RenderFailed = "LP0617", Error, "draft failed to render";
    // Playbook tests.
    TestsUnreadable = "LP0701", Error, "test file or folder cannot be read";
    NoTestCases = "LP0702", Warning, "test file without cases";
    CaseNameTwice = "LP0703", Warning, "two cases with the same name";
    CaseWithoutName = "LP0704", Error, "test case without a name";
    CaseExpectsNothing = "LP0705", Error, "test case that expects nothing";
    EnteredAfterAsOf = "LP0706", Error, "state entered after `as_of`";
    CaseUnknownField = "LP0707", Warning, "test lead field the program does not read";
    CaseUnknownName = "LP0708", Error, "test expectation naming something unknown";
    TestFileInvalid = "LP0709", Error, "test file that is not a list of cases";
    // Internal.
    Internal = "LP0901", Error, "internal error";
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests;
