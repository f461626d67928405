use super::*;
use crate::leads::tolerant::NumberStyle;

const CELLS: [&str; 28] = [
    "",
    " ",
    "1200",
    " 42 ",
    "12.5",
    "-3",
    "1,200",
    "1.200,50",
    "$4,500,000",
    "45%",
    "1e999",
    "abc",
    "true",
    "FALSE",
    "Yes",
    "n",
    "checked",
    "x",
    "maybe",
    "2026-11-20",
    "2026-11-20 14:05",
    "11/20/2026",
    "20.11.2026",
    "2026-13-01",
    "0",
    "1",
    "Ünïcode",
    "a;b",
];

fn rules_list() -> Vec<CellRules<'static>> {
    let comma = NumberStyle {
        decimal_comma: true,
    };
    vec![
        CellRules::default(),
        CellRules {
            style: comma,
            ..CellRules::default()
        },
        CellRules {
            format: Some("%d/%m/%Y"),
            ..CellRules::default()
        },
    ]
}

const TYPES: [Option<FieldType>; 9] = [
    None,
    Some(FieldType::Text),
    Some(FieldType::Number),
    Some(FieldType::Money),
    Some(FieldType::Percent),
    Some(FieldType::Bool),
    Some(FieldType::Date),
    Some(FieldType::DateTime),
    Some(FieldType::List),
];

#[test]
fn every_plan_gives_what_set_cell_gives() {
    // From every kind of value left in the buffer by the lead before.
    let previous = [
        Value::Missing,
        Value::Number(7.0),
        Value::Text("old".to_string()),
        Value::Bool(true),
    ];
    for rules in rules_list() {
        for ty in TYPES {
            let plan = CellPlan::choose(ty, false, rules);
            for cell in CELLS {
                for before in &previous {
                    let mut expected = before.clone();
                    let want = set_cell(&mut expected, cell, ty, rules);
                    let mut got = before.clone();
                    let have = write_cell(&mut got, cell, plan, ty, rules);
                    assert_eq!(have, want, "{cell:?} as {ty:?} ({plan:?})");
                    if want.is_ok() {
                        assert_eq!(got, expected, "{cell:?} as {ty:?} ({plan:?})");
                    }
                }
            }
        }
    }
}

#[test]
fn the_plan_follows_the_type_and_the_dialect() {
    let [dot, comma, format] = <[CellRules<'static>; 3]>::try_from(rules_list()).unwrap();
    let number = Some(FieldType::Number);
    assert_eq!(CellPlan::choose(number, false, dot), CellPlan::Number);
    assert_eq!(CellPlan::choose(number, false, comma), CellPlan::General);
    assert_eq!(CellPlan::choose(number, true, dot), CellPlan::Skip);
    let date = Some(FieldType::Date);
    assert_eq!(CellPlan::choose(date, false, dot), CellPlan::Date);
    assert_eq!(CellPlan::choose(date, false, format), CellPlan::General);
    let money = Some(FieldType::Money);
    assert_eq!(CellPlan::choose(money, false, dot), CellPlan::General);
}
