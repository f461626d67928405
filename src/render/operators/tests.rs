use super::*;

fn rewritten(source: &str) -> String {
    rewrite(source).map_or_else(|| source.to_string(), |r| r.source)
}

#[test]
fn operators_become_calls_and_parentheses_stay() {
    assert_eq!(rewritten("{{ a ~ b }}"), "{{ __lp_concat(a , b) }}");
    assert_eq!(
        rewritten("{{ a ~ b ~ c }}"),
        "{{ __lp_concat(__lp_concat(a , b) , c) }}"
    );
    assert_eq!(
        rewritten("{{ (a~b) * (c + 1) }}"),
        "{{ __lp_mul((__lp_concat(a,b)) , (__lp_add(c , 1))) }}"
    );
    assert_eq!(
        rewritten("{% set ns.s = ns.s ~ ns.s %}"),
        "{% set ns.s = __lp_concat(ns.s , ns.s) %}"
    );
    assert_eq!(rewritten("{{ a - b ** 2 }}"), "{{ a - b ** 2 }}");
    assert!(rewrite("{{ lead.name }} plain").is_none());
    assert!(rewrite("{{ broken").is_none());
}

#[test]
fn an_error_position_maps_back_to_the_file() {
    let source = "Hi {{ a ~ b }} and {{ c }}";
    let r = rewrite(source).unwrap();
    let c = r.source.find("c }}").unwrap();
    assert_eq!(r.original_offset(c), source.find("c }}").unwrap());
    let call = r.source.find("__lp").unwrap();
    assert_eq!(r.original_offset(call), source.find('a').unwrap());
    assert_eq!(r.original_offset(3), 3);
}
