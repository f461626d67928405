//! Lowering of `score` blocks: point rules (`when`, `per … up to`, decay) and `range`.

use super::ast::*;
use super::grammar::Rule;
use super::lower::Lowerer;
use pest::iterators::Pair;

impl Lowerer<'_> {
    pub(super) fn score(&mut self, pair: Pair<'_, Rule>) -> Score {
        let mut header = self.span(&pair);
        let mut score = Score {
            name: None,
            rules: Vec::new(),
            ranges: Vec::new(),
            span: header,
        };
        for item in pair.into_inner() {
            match item.as_rule() {
                Rule::kw_score => header = self.span(&item),
                Rule::name => {
                    let name = self.name(item);
                    header = header.to(name.span);
                    score.name = Some(name);
                }
                Rule::score_when | Rule::score_per => score.rules.push(self.score_rule(item)),
                Rule::score_range => score.ranges.push(self.score_range(item)),
                _ => self.junk(&item, Rule::score_item_only),
            }
        }
        score.span = header;
        score
    }

    fn score_rule(&mut self, pair: Pair<'_, Rule>) -> ScoreRule {
        let span = self.span(&pair);
        let is_per = pair.as_rule() == Rule::score_per;
        let mut points = 0.0;
        let mut expr = None;
        let mut cap = None;
        let mut decay = None;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::points => points = self.points(p),
                Rule::expr => expr = Some(self.expr(p)),
                Rule::number => cap = Some(self.number(&p)),
                Rule::decay => decay = Some(self.decay(p)),
                _ => {}
            }
        }
        let expr = expr.unwrap_or_else(|| self.missing_expr(span));
        let kind = if is_per {
            ScoreRuleKind::Per { expr, cap }
        } else {
            ScoreRuleKind::When(expr)
        };
        ScoreRule {
            points,
            kind,
            decay,
            span,
        }
    }

    fn decay(&mut self, pair: Pair<'_, Rule>) -> Decay {
        let span = self.span(&pair);
        let mut date = None;
        let mut half_life = 0.0;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::expr => date = Some(self.expr(p)),
                Rule::number => half_life = self.number(&p),
                _ => {}
            }
        }
        let date = date.unwrap_or_else(|| self.missing_expr(span));
        Decay {
            date,
            half_life,
            span,
        }
    }

    fn points(&mut self, pair: Pair<'_, Rule>) -> f64 {
        let negative = pair.as_str().starts_with('-');
        let magnitude = pair
            .into_inner()
            .find(|p| p.as_rule() == Rule::number)
            .map(|p| self.number(&p))
            .unwrap_or(0.0);
        if negative { -magnitude } else { magnitude }
    }

    fn score_range(&mut self, pair: Pair<'_, Rule>) -> ScoreRange {
        let span = self.span(&pair);
        let bounds: Vec<f64> = pair
            .into_inner()
            .filter(|p| p.as_rule() == Rule::signed_number)
            .map(|p| self.signed_number(&p))
            .collect();
        ScoreRange {
            low: bounds.first().copied().unwrap_or(0.0),
            high: bounds.get(1).copied().unwrap_or(0.0),
            span,
        }
    }

    fn signed_number(&mut self, pair: &Pair<'_, Rule>) -> f64 {
        let negative = pair.as_str().starts_with('-');
        let magnitude = pair
            .clone()
            .into_inner()
            .next()
            .map(|p| self.number(&p))
            .unwrap_or(0.0);
        if negative { -magnitude } else { magnitude }
    }
}
