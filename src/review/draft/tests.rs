use super::*;

#[test]
fn markdown_renders_and_raw_html_stays_text() {
    let html = markdown_to_html(
        "# Call: <script>alert(1)</script>\n\n- **Lead:** \"><img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))",
    );
    assert!(
        html.contains("<h1>Call: &lt;script&gt;alert(1)&lt;/script&gt;</h1>"),
        "{html}"
    );
    assert!(html.contains("<strong>Lead:</strong>"), "{html}");
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );
    assert!(html.contains(r##"<a href="#">x</a>"##), "{html}");
    assert!(
        !html.contains("<script") && !html.contains("<img"),
        "{html}"
    );
}

#[test]
fn eml_headers_are_decoded_and_transport_headers_left_out() {
    let eml = "From: Jordan Lee <jordan@example.com>\r\nTo: =?UTF-8?B?5p2O5aSn5ZCM?= <li@example.tw>\r\nSubject: =?UTF-8?B?5LiL5LiA5q2l?=\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\nX-Leadplay-Lead: L-1\r\n\r\nHi =E6=82=A8=E5=A5=BD\r\n";
    let view = DraftView::decode("a.eml", eml.as_bytes());
    assert_eq!(
        view.headers,
        [
            (
                "From".to_string(),
                "Jordan Lee <jordan@example.com>".to_string()
            ),
            ("To".into(), "李大同 <li@example.tw>".into()),
            ("Subject".into(), "下一步".into()),
            ("X-Leadplay-Lead".into(), "L-1".into()),
        ]
    );
    assert_eq!(view.body, DraftBody::Text("Hi 您好\n".into()));
}
