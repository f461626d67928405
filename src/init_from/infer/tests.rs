use super::*;

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn names_become_lower_snake_case_ascii() {
    assert_eq!(field_name("Number of Employees"), "number_of_employees");
    assert_eq!(field_name("Country/Region"), "country_region");
    assert_eq!(field_name("Person - Email - Work"), "person_email_work");
    assert_eq!(field_name("公司"), "`公司`");
    assert_eq!(field_name("In"), "in_field");
    assert_eq!(field_name("2nd Phone"), "2nd_phone_field");
}

#[test]
fn a_hubspot_export_is_recognised_and_typed() {
    let header = strings(&[
        "Record ID",
        "Email",
        "First Name",
        "Annual Revenue",
        "Last Activity Date",
        "Contact owner",
        "Unsubscribed from all email",
        "Probability",
    ]);
    let rows = vec![
        strings(&[
            "51",
            "a@b.example",
            "Maya",
            "$4,500,000",
            "11/20/2026 2:05 PM",
            "Priya",
            "false",
            "45%",
        ]),
        strings(&[
            "52",
            "c@d.example",
            "Wei",
            "$950,000",
            "2026-11-18 08:40",
            "",
            "true",
            "12.5%",
        ]),
    ];
    let inferred = infer(&header, &rows);
    assert_eq!(inferred.source, Some("HubSpot"));
    assert_eq!(inferred.key, 0);
    let types: Vec<FieldType> = inferred.columns.iter().map(|c| c.ty).collect();
    assert_eq!(
        types,
        [
            FieldType::Text,
            FieldType::Text,
            FieldType::Text,
            FieldType::Money,
            FieldType::DateTime,
            FieldType::Text,
            FieldType::Bool,
            FieldType::Percent
        ]
    );
    let roles: Vec<Option<Role>> = inferred.columns.iter().map(|c| c.role).collect();
    assert_eq!(roles[1], Some(Role::Email));
    assert_eq!(roles[2], Some(Role::FirstName));
    assert_eq!(roles[5], Some(Role::Owner));
}

#[test]
fn european_numbers_and_dates_set_the_dialect() {
    let header = strings(&["Kunden-Nr", "Umsatz", "Letzter Kontakt"]);
    let rows = vec![
        strings(&["K-1", "4.500.000,00 €", "20.11.2026"]),
        strings(&["K-2", "950,50 €", "25/11/2026"]),
    ];
    let inferred = infer(&header, &rows);
    assert!(inferred.rules.style.decimal_comma);
    assert_eq!(inferred.rules.order, DateOrder::Dmy);
    assert_eq!(inferred.columns[1].ty, FieldType::Money);
    assert_eq!(inferred.columns[2].ty, FieldType::Date);
    assert_eq!(inferred.key, 0);
}

#[test]
fn pipedrive_work_email_and_full_name_play_roles() {
    let header = strings(&["Person - ID", "Person - Name", "Person - Email - Work"]);
    let rows = vec![strings(&["1", "Ana Souza", "ana@verde.example"])];
    let inferred = infer(&header, &rows);
    assert_eq!(inferred.source, Some("Pipedrive"));
    assert_eq!(inferred.columns[1].role, Some(Role::FirstName));
    assert_eq!(inferred.columns[2].role, Some(Role::Email));
}
