//! Whole-file tests against fixtures shaped like real exports.

use std::path::PathBuf;

use super::*;

/// Fixtures live outside `src/` so they stay byte-exact (CRLF, BOM,
/// Windows-1252) and are never reformatted.
const FIXTURES: &str = "tests/fixtures/import";

fn fixture(name: &str) -> Vec<u8> {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), FIXTURES, name].iter().collect();
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read_fixture(name: &str, mapping: Option<&str>) -> Result<Read, FileError> {
    let mapping = mapping.map(|m| Mapping::parse(m).expect("test map parses"));
    read(&fixture(name), Some(name), mapping.as_ref())
}

fn row<'a>(read: &'a Read, name: &str) -> &'a Row {
    read.rows
        .iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("no row named {name:?}"))
}

fn rejects(read: &Read) -> Vec<(usize, Reason)> {
    read.rejected.iter().map(|r| (r.line, r.reason.clone())).collect()
}

const EXCEL_MAP: &str = "Naam=name,Bedrijf=organisation,Functie=role,E-mail=email,Telefoon=phone";

#[test]
fn linkedin_connections() {
    let read = read_fixture("linkedin_connections.csv", None).unwrap();
    assert_eq!(read.format, Format::LinkedIn);
    assert_eq!(read.encoding, "UTF-8");
    assert_eq!(read.separator, Some(','));
    assert_eq!(read.rows.len(), 7);
    // Line 9 has only spaces for a name and no company.
    assert_eq!(rejects(&read), [(9, Reason::NoName)]);
    assert_eq!(read.rows.iter().filter(|r| r.email.is_some()).count(), 3);
    assert!(read.rows.iter().all(|r| r.warnings.is_empty()));

    let zoe = row(&read, "Zoë de Jong");
    assert_eq!(zoe.line, 5);
    assert_eq!(zoe.kind, Kind::Person);
    assert_eq!(zoe.email, None);
    assert_eq!(zoe.phone, None);
    assert_eq!(
        zoe.linkedin.as_deref(),
        Some("https://www.linkedin.com/in/zoe-de-jong-4a1b2c3")
    );
    assert_eq!(zoe.organisation.as_deref(), Some("Zorggroep Almere"));
    assert_eq!(zoe.role.as_deref(), Some("Wijkverpleegkundige"));

    let mo = row(&read, "Mohammed El Amrani");
    assert_eq!(
        mo.organisation.as_deref(),
        Some("Buurtzorg Nederland, team Zwolle-Zuid")
    );
    // "van den  Berg" in the file: inner whitespace is collapsed.
    let pieter = row(&read, "Pieter van den Berg");
    assert_eq!(pieter.email.as_deref(), Some("p.vandenberg@ggd.example.nl"));
    assert_eq!(pieter.role.as_deref(), Some("Arts, maatschappij en gezondheid"));
    assert_eq!(
        row(&read, "Anouk Visser").role.as_deref(),
        Some("Coach \"Samen Sterk\"")
    );
    let jw = row(&read, "Jan-Willem Smit");
    assert_eq!((jw.line, jw.organisation.as_deref()), (11, None));
    assert_eq!(row(&read, "Fatma Yılmaz").line, 12);
}

#[test]
fn outlook_english_with_bom() {
    let read = read_fixture("outlook_en.csv", None).unwrap();
    assert_eq!(read.format, Format::Outlook);
    assert_eq!(read.encoding, "UTF-8");
    assert_eq!(read.separator, Some(','));
    assert_eq!(read.rows.len(), 5);
    // A contact Outlook saved from an e-mail: an address and nothing else.
    assert_eq!(rejects(&read), [(8, Reason::NoName)]);

    let jan = row(&read, "Jan de Vries");
    assert_eq!(jan.line, 2);
    assert_eq!(jan.email.as_deref(), Some("jan.devries@amersfoort.example"));
    assert_eq!(jan.phone.as_deref(), Some("+31 33 469 5000"), "business first");
    assert_eq!(jan.organisation.as_deref(), Some("Gemeente Amersfoort"));
    assert_eq!(jan.role.as_deref(), Some("Wijkcoach"));
    assert_eq!(jan.tags, ["Gemeente", "Sociaal team"]);

    let emma = row(&read, "Emma Jansen");
    assert_eq!(emma.phone.as_deref(), Some("06-23456789"), "mobile before home");

    // Exchange contacts carry an X.500 path as their first address.
    let kees = row(&read, "Kees Mulder");
    assert_eq!(kees.email.as_deref(), Some("kees.mulder@wijkteam.example"));
    assert_eq!(kees.phone.as_deref(), Some("030 123 4567"));
    assert!(matches!(kees.warnings.as_slice(), [Reason::BadEmail(x)] if x.starts_with("/o=ExchangeLabs")));

    let org = row(&read, "Stichting Thuiszorg West-Brabant");
    assert_eq!(org.kind, Kind::Organisation);
    assert_eq!(
        org.organisation.as_deref(),
        Some("Stichting Thuiszorg West-Brabant")
    );
    assert_eq!(org.line, 5);

    // Its Notes span two lines; the LinkedIn URL comes from Web Page.
    let lisa = row(&read, "Lisa Bos");
    assert_eq!(lisa.line, 6);
    assert_eq!(lisa.email, None);
    assert_eq!(lisa.warnings, [Reason::BadEmail("lisa.bos@zorg".into())]);
    assert_eq!(
        lisa.linkedin.as_deref(),
        Some("https://www.linkedin.com/in/lisabos")
    );
}

#[test]
fn outlook_dutch_windows_1252() {
    let bytes = fixture("outlook_nl.csv");
    assert!(std::str::from_utf8(&bytes).is_err(), "fixture is really 1252");
    let read = read_fixture("outlook_nl.csv", None).unwrap();
    assert_eq!(read.format, Format::Outlook);
    assert_eq!(read.encoding, "Windows-1252");
    assert_eq!(read.separator, Some(';'));
    assert_eq!(read.rows.len(), 4);
    assert_eq!(
        rejects(&read),
        [(
            5,
            Reason::TooLong {
                field: Field::Role,
                max: 100
            }
        )]
    );

    let anna = row(&read, "Anna Müller");
    assert_eq!(anna.organisation.as_deref(), Some("Café de Hoek"));
    assert_eq!(anna.phone.as_deref(), Some("06 98765432"));
    assert_eq!(anna.tags, ["Horeca", "Buurt"]);
    assert_eq!(anna.email.as_deref(), Some("anna@cafedehoek.example"));

    let jorg = row(&read, "Jörg Schäfer");
    assert_eq!(jorg.phone.as_deref(), Some("0314-123456"));
    assert_eq!(jorg.tags, ["Zorg", "Mantelzorg"]);

    let gemeente = row(&read, "Gemeente 's-Hertogenbosch");
    assert_eq!((gemeente.kind, gemeente.line), (Kind::Organisation, 4));

    let renee = row(&read, "Renée Dijkstra");
    assert_eq!(renee.tags, ["Wijkteam", "Zorg"], "duplicates dropped");
    assert_eq!(renee.phone.as_deref(), Some("050-3141592"));
}

#[test]
fn excel_semicolon_with_mapping() {
    let read = read_fixture("excel_semicolon_1252.csv", Some(EXCEL_MAP)).unwrap();
    assert_eq!(read.format, Format::Mapped);
    assert_eq!(read.encoding, "Windows-1252");
    assert_eq!(read.separator, Some(';'));
    // The two ";;;;" lines Excel leaves at the end are skipped silently.
    assert_eq!(read.rows.len(), 5);
    assert!(read.rejected.is_empty());

    let jose = row(&read, "Dr. José Ramírez");
    assert_eq!(jose.line, 3);
    assert_eq!(jose.organisation.as_deref(), Some("Ziekenhuis Gelderse Vallei"));
    assert_eq!(jose.role.as_deref(), Some("Internist"));
    assert_eq!(jose.phone.as_deref(), Some("0318 434343"));

    let karin = row(&read, "Bos, Karin");
    assert_eq!(karin.organisation.as_deref(), Some("Zorg & Welzijn; regio Oost"));
    assert_eq!(karin.phone, None);

    let presence = row(&read, "Stichting Présence");
    assert_eq!(presence.kind, Kind::Organisation);
    assert_eq!(presence.email.as_deref(), Some("info@presence.example"));

    let ellen = row(&read, "Ellen Vos");
    assert_eq!(ellen.email, None);
    assert_eq!(
        ellen.warnings,
        [Reason::BadEmail("ellen.vos(at)gmail.example".into())]
    );
}

#[test]
fn excel_without_mapping_asks_for_one() {
    let err = read_fixture("excel_semicolon_1252.csv", None).unwrap_err();
    assert_eq!(
        err,
        FileError::NeedsMapping {
            headers: ["Naam", "Bedrijf", "Functie", "E-mail", "Telefoon"]
                .map(String::from)
                .to_vec()
        }
    );
}

#[test]
fn mapping_overrides_detection_and_matches_loosely() {
    // Header names are matched ignoring case, spaces, hyphens and accents.
    let map = "first name=first_name,LAST NAME=last_name,email address=email";
    let read = read_fixture("linkedin_connections.csv", Some(map)).unwrap();
    assert_eq!(read.format, Format::Mapped);
    assert_eq!(read.rows.len(), 7);
    assert_eq!(row(&read, "Zoë de Jong").organisation, None);

    // Only mapped columns count: the over-long role is not read, and the
    // organisation-only row has no name without Bedrijf.
    let map = "voornaam=first_name,Middelste naam=middle_name,Achter Naam=last_name,categorieen=tags";
    let read = read_fixture("outlook_nl.csv", Some(map)).unwrap();
    assert_eq!(read.format, Format::Mapped);
    assert_eq!(read.rows.len(), 4);
    assert_eq!(rejects(&read), [(4, Reason::NoName)]);
    assert_eq!(row(&read, "Anna Müller").tags, ["Horeca", "Buurt"]);
    assert_eq!(row(&read, "Geert van der Meulen").role, None);

    let err = read_fixture("excel_semicolon_1252.csv", Some("Naam=name,Email adres=email")).unwrap_err();
    assert_eq!(
        err,
        FileError::BadMapping(MapError::UnknownHeader {
            header: "Email adres".into(),
            available: ["Naam", "Bedrijf", "Functie", "E-mail", "Telefoon"]
                .map(String::from)
                .to_vec(),
        })
    );
    assert_eq!(
        err.to_string(),
        "column \"Email adres\" is not in the file; its columns are: Naam, Bedrijf, Functie, E-mail, Telefoon"
    );
}

#[test]
fn mapping_error_names_the_target_and_lists_valid_ones() {
    let err = Mapping::parse("Naam=naam,Bedrijf=organisation").unwrap_err();
    assert_eq!(
        err,
        MapError::UnknownTarget {
            header: "Naam".into(),
            target: "naam".into()
        }
    );
    assert_eq!(
        err.to_string(),
        "unknown target \"naam\" for column \"Naam\"; valid targets: name, first_name, middle_name, last_name, \
         email, phone, linkedin, organisation, role, tags"
    );
}

#[test]
fn vcard_3() {
    let read = read_fixture("contacts_v3.vcf", None).unwrap();
    assert_eq!(read.format, Format::VCard);
    assert_eq!(read.encoding, "UTF-8");
    assert_eq!(read.separator, None);
    assert_eq!(read.rows.len(), 3);
    assert!(read.rejected.is_empty());

    let zoe = &read.rows[0];
    assert_eq!((zoe.line, zoe.name.as_str()), (1, "Zoë de Jong"));
    // Folded right after a space: the space must survive unfolding.
    assert_eq!(
        zoe.organisation.as_deref(),
        Some("Stichting Zorggroep Almere en Omstreken voor Wijkverpleging en Thuishulp")
    );
    assert_eq!(zoe.role.as_deref(), Some("Wijkverpleegkundige"));
    assert_eq!(zoe.email.as_deref(), Some("z.dejong@zorggroep-almere.example"));
    assert_eq!(
        zoe.warnings,
        [Reason::BadEmail("zoe.dejong@@home.example".into())]
    );
    assert_eq!(
        zoe.phone.as_deref(),
        Some("+31 36 123 4567"),
        "work voice, not fax"
    );
    assert_eq!(
        zoe.linkedin.as_deref(),
        Some("https://www.linkedin.com/in/zoe-de-jong-4a1b2c3")
    );
    assert_eq!(zoe.tags, ["Zorg", "Wijkteam Noord"]);

    let mo = &read.rows[1];
    assert_eq!(mo.name, "Mohammed El Amrani");
    assert_eq!(mo.email.as_deref(), Some("m.elamrani@buurtzorg.example"));
    assert_eq!(mo.phone.as_deref(), Some("06 87654321"), "cell before home");
    assert_eq!(mo.role.as_deref(), Some("Teamcoach en aandachtsvelder dementie"));

    let almere = &read.rows[2];
    assert_eq!(almere.kind, Kind::Organisation);
    assert_eq!(almere.name, "Gemeente Almere");
    assert_eq!(almere.email.as_deref(), Some("info@almere.example"));
}

#[test]
fn vcard_4() {
    let read = read_fixture("contacts_v4.vcf", None).unwrap();
    assert_eq!(read.format, Format::VCard);
    assert_eq!(read.rows.len(), 1);
    assert_eq!(rejects(&read), [(2, Reason::NoName)]);

    let sanne = &read.rows[0];
    assert_eq!(sanne.name, "Sanne Bakker");
    assert_eq!(
        sanne.email.as_deref(),
        Some("sanne.bakker@utrecht.example"),
        "PREF=1 wins"
    );
    assert_eq!(
        sanne.phone.as_deref(),
        Some("+31-30-286-0000"),
        "work, tel: stripped"
    );
    assert_eq!(
        sanne.linkedin.as_deref(),
        Some("https://www.linkedin.com/in/sannebakker")
    );
    assert_eq!(sanne.organisation.as_deref(), Some("Gemeente Utrecht"));
    assert_eq!(sanne.role.as_deref(), Some("Beleidsadviseur Wmo"));
    assert_eq!(sanne.tags, ["Gemeente", "Wmo"]);
    assert!(sanne.warnings.is_empty(), "a non-LinkedIn URL is no problem");
}

#[test]
fn vcard_2_1_quoted_printable_and_outlook() {
    let read = read_fixture("contacts_v21.vcf", None).unwrap();
    assert_eq!(read.format, Format::VCard);
    assert_eq!(read.encoding, "Windows-1252");
    assert_eq!(read.rows.len(), 2);
    assert!(read.rejected.is_empty());

    let renee = &read.rows[0];
    assert_eq!(
        renee.name, "Renée Dijkstra-van Ommen",
        "QP with a soft line break"
    );
    assert_eq!(renee.phone.as_deref(), Some("06-12121212"));
    assert_eq!(renee.email.as_deref(), Some("renee@example.nl"));

    let jorg = &read.rows[1];
    assert_eq!(jorg.name, "Jörg Müller");
    assert_eq!(
        jorg.phone.as_deref(),
        Some("026 377 4911"),
        "bare ;WORK parameter"
    );
    assert_eq!(jorg.email.as_deref(), Some("jorg.muller@arnhem.example"));
    assert_eq!(jorg.organisation.as_deref(), Some("Gemeente Arnhem"));
}

#[test]
fn bad_rows() {
    let read = read_fixture("bad_rows.csv", None).unwrap();
    assert_eq!(read.format, Format::Outlook);
    assert_eq!(
        rejects(&read),
        [
            (2, Reason::NoName),
            (
                3,
                Reason::TooLong {
                    field: Field::Name,
                    max: 100
                }
            ),
            (
                4,
                Reason::WrongColumnCount {
                    expected: 5,
                    found: 4
                }
            ),
            (
                6,
                Reason::WrongColumnCount {
                    expected: 5,
                    found: 7
                }
            ),
        ]
    );
    // Line 7 is empty and line 8 only spaces and commas: both skipped.
    let lines: Vec<usize> = read.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [5, 9, 10]);

    let klaas = row(&read, "Klaas Vaak");
    assert_eq!(klaas.email, None);
    assert_eq!(klaas.warnings, [Reason::BadEmail("klaas.vaak@".into())]);
    // A trailing separator adds an empty field; nothing is lost, so it fits.
    assert_eq!(row(&read, "Lotte Kramer").role.as_deref(), Some("Teamleider"));
    assert_eq!(row(&read, "Stichting Zonder Naam").kind, Kind::Organisation);
}

#[test]
fn refuses_empty_files() {
    assert_eq!(read_fixture("empty.csv", None), Err(FileError::Empty));
    assert_eq!(read(b"\xEF\xBB\xBF \r\n\t\n", None, None), Err(FileError::Empty));
    assert_eq!(read(b"\xFF\xFE \x00\n\x00", None, None), Err(FileError::Empty));
}

#[test]
fn refuses_binary_files() {
    assert_eq!(
        read_fixture("image.png", None),
        Err(FileError::Binary(BinaryKind::Image))
    );
    let cases: [(&[u8], Option<&str>, BinaryKind); 9] = [
        (b"\xFF\xD8\xFF\xE0\x00\x10JFIF", None, BinaryKind::Image),
        (b"GIF89a\x01\x00\x01\x00", None, BinaryKind::Image),
        (
            b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n",
            Some("contacten.pdf"),
            BinaryKind::Pdf,
        ),
        (
            b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml",
            Some("Contacten.xlsx"),
            BinaryKind::Spreadsheet,
        ),
        (
            b"PK\x03\x04\x14\x00\x00\x00\x08\x00xl/workbook.xml",
            Some("export"),
            BinaryKind::Spreadsheet,
        ),
        (
            b"PK\x03\x04\x14\x00\x00\x00\x08\x00Connections.csv",
            Some("Basic_LinkedInDataExport_03-12-2024.zip"),
            BinaryKind::Archive,
        ),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00",
            Some("adressen.xls"),
            BinaryKind::Spreadsheet,
        ),
        (
            b"PK\x03\x04\x14\x00\x06\x00\x08\x00word/document.xml",
            Some("adressen.docx"),
            BinaryKind::Other,
        ),
        (b"Naam,E-mail\nJan\x00\x00\x01,x\n", None, BinaryKind::Other),
    ];
    for (bytes, name, kind) in cases {
        assert_eq!(read(bytes, name, None), Err(FileError::Binary(kind)), "{name:?}");
    }
    let hint = FileError::Binary(BinaryKind::Spreadsheet).to_string();
    assert!(hint.contains("CSV"), "{hint}");
}

#[test]
fn refuses_too_large_files() {
    let bytes = vec![b'a'; MAX_BYTES + 1];
    assert_eq!(
        read(&bytes, None, None),
        Err(FileError::TooLarge {
            bytes: MAX_BYTES + 1,
            max: MAX_BYTES
        })
    );
}

#[test]
fn refuses_too_many_rows() {
    let csv = |rows: usize| {
        let mut text = String::from("First Name,Last Name,E-mail Address\n");
        for i in 0..rows {
            text.push_str(&format!("Naam{i},Achternaam,n{i}@example.nl\n"));
        }
        text
    };
    assert_eq!(
        read(csv(MAX_ROWS + 1).as_bytes(), None, None),
        Err(FileError::TooManyRows {
            rows: MAX_ROWS + 1,
            max: MAX_ROWS
        })
    );
    let read_max = read(csv(MAX_ROWS).as_bytes(), None, None).unwrap();
    assert_eq!(read_max.rows.len(), MAX_ROWS);

    let mut cards = String::new();
    for i in 0..=MAX_ROWS {
        cards.push_str(&format!(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kaart {i}\r\nEND:VCARD\r\n"
        ));
    }
    assert_eq!(
        read(cards.as_bytes(), None, None),
        Err(FileError::TooManyRows {
            rows: MAX_ROWS + 1,
            max: MAX_ROWS
        })
    );
}

#[test]
fn no_header() {
    assert_eq!(
        read(b"Jan de Vries\nPiet Jansen\n", None, None),
        Err(FileError::NoHeader)
    );
    assert!(FileError::NoHeader.to_string().contains("Voornaam"));
}

#[test]
fn excel_unicode_text_utf16() {
    let text = "Voornaam\tAchternaam\tE-mailadres\tCategorieën\r\nZoë\tde Jong\tzoe@zorg.example\tZorg\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let read = read(&bytes, Some("contacten.txt"), None).unwrap();
    assert_eq!(read.format, Format::Outlook);
    assert_eq!(read.encoding, "UTF-16LE");
    assert_eq!(read.separator, Some('\t'));
    assert_eq!(read.rows.len(), 1);
    assert_eq!(read.rows[0].name, "Zoë de Jong");
    assert_eq!(read.rows[0].tags, ["Zorg"]);
}

#[test]
fn mostly_utf8_file_rejects_only_the_broken_row() {
    let mut bytes =
        "Voornaam;Achternaam;E-mailadres\nZoë;de Jong;zoe@zorg.example\nRenée;Dijkstra;r@d.example\n"
            .as_bytes()
            .to_vec();
    bytes.extend(b"Andr\xE9;Visser;andre@visser.example\n");
    let read = read(&bytes, None, None).unwrap();
    assert_eq!(read.encoding, "UTF-8");
    assert_eq!(read.rows.len(), 2);
    assert_eq!(rejects(&read), [(4, Reason::BadEncoding { field: Field::Name })]);
}

#[test]
fn old_mac_line_endings_count_lines() {
    let read = read(
        b"Naam;E-mail\rJan Smit;jan@smit.example\r\rPiet Bos;piet@bos.example\r",
        None,
        Some(&Mapping::parse("Naam=name,E-mail=email").unwrap()),
    )
    .unwrap();
    let lines: Vec<usize> = read.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [2, 4]);
}

#[test]
fn header_after_preamble_is_found_within_twenty_lines() {
    let mut text = String::new();
    for i in 0..15 {
        text.push_str(&format!("Export van {i}, met komma\n"));
    }
    text.push_str("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
    text.push_str("Jan,Smit,https://www.linkedin.com/in/jansmit,,,,01 Jan 2024\n");
    let read = read(text.as_bytes(), None, None).unwrap();
    assert_eq!(read.format, Format::LinkedIn);
    assert_eq!(read.rows[0].line, 17);
}

#[test]
fn google_csv_is_not_taken_for_outlook() {
    let text = "First Name,Middle Name,Last Name,Organization Name,E-mail 1 - Label,E-mail 1 - Value\n\
                Zoë,,de Jong,Zorggroep,* Work,zoe@zorg.example\n";
    match read(text.as_bytes(), None, None) {
        Err(FileError::NeedsMapping { headers }) => assert_eq!(headers.len(), 6),
        other => panic!("{other:?}"),
    }
}

#[test]
fn dutch_sheet_with_tussenvoegsel() {
    let text = "Voornaam;Tussenvoegsel;Achternaam;E-mailadres;Organisatie\n\
                Jan;de;Vries;jan@vries.example;Gemeente Ede\n";
    let read = read(text.as_bytes(), None, None).unwrap();
    assert_eq!(read.format, Format::Outlook);
    assert_eq!(read.rows[0].name, "Jan de Vries");
    assert_eq!(read.rows[0].organisation.as_deref(), Some("Gemeente Ede"));
}

#[test]
fn vcard_ignores_a_column_map() {
    let map = Mapping::parse(EXCEL_MAP).unwrap();
    let read = read(&fixture("contacts_v4.vcf"), None, Some(&map)).unwrap();
    assert_eq!(read.format, Format::VCard);
}

#[test]
fn display_texts() {
    let names = [Format::LinkedIn, Format::Outlook, Format::Mapped, Format::VCard].map(|f| f.to_string());
    assert_eq!(
        names,
        [
            "LinkedIn Connections.csv",
            "Outlook contacts (CSV)",
            "CSV with your column map",
            "vCard 3.0/4.0"
        ]
    );
    assert_eq!(
        Reason::TooLong {
            field: Field::Phone,
            max: 40
        }
        .to_string(),
        "phone number is longer than 40 characters"
    );
    assert_eq!(
        Reason::WrongColumnCount {
            expected: 5,
            found: 7
        }
        .to_string(),
        "expected 5 columns, found 7"
    );
}

/// A small xorshift generator: deterministic, so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn check_invariants(result: Result<Read, FileError>) {
    let Ok(read) = result else { return };
    for row in &read.rows {
        assert!(!row.name.is_empty());
        assert!(row.line >= 1);
        assert!(row.name.chars().count() <= Field::Name.max_chars());
        assert!(row.email.as_ref().is_none_or(|e| e.contains('@')));
    }
}

#[test]
fn garbage_never_panics() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let seeds: Vec<Vec<u8>> = [
        "linkedin_connections.csv",
        "outlook_en.csv",
        "outlook_nl.csv",
        "excel_semicolon_1252.csv",
        "contacts_v3.vcf",
        "contacts_v4.vcf",
        "contacts_v21.vcf",
        "bad_rows.csv",
    ]
    .iter()
    .map(|name| fixture(name))
    .collect();
    let mapping = Mapping::parse(EXCEL_MAP).unwrap();
    // Tokens that steer random input into the parsers' interesting paths.
    let tokens: [&[u8]; 12] = [
        b"BEGIN:VCARD\r\n",
        b"END:VCARD\r\n",
        b"\r\n ",
        b"=\r\n",
        b";ENCODING=QUOTED-PRINTABLE:",
        b"\"",
        b"\"\"",
        b";",
        b",",
        b"\t",
        b"\xEF\xBB\xBF",
        b"\xFF\xFE",
    ];

    for round in 0..3000 {
        let bytes: Vec<u8> = match round % 3 {
            // Pure noise.
            0 => (0..rng.below(2048)).map(|_| rng.next() as u8).collect(),
            // A fixture with bytes changed, cut short or duplicated.
            1 => {
                let mut bytes = seeds[rng.below(seeds.len())].clone();
                for _ in 0..1 + rng.below(8) {
                    let at = rng.below(bytes.len());
                    match rng.below(3) {
                        0 => bytes[at] = rng.next() as u8,
                        1 => bytes.truncate(at),
                        _ => {
                            let token = tokens[rng.below(tokens.len())];
                            bytes.splice(at..at, token.iter().copied());
                        }
                    }
                    if bytes.is_empty() {
                        break;
                    }
                }
                bytes
            }
            // Text-like noise built from tokens and letters.
            _ => {
                let mut bytes = Vec::new();
                for _ in 0..rng.below(200) {
                    if rng.below(3) == 0 {
                        bytes.extend_from_slice(tokens[rng.below(tokens.len())]);
                    } else {
                        let letters = b"abcFN:N;@.\xE9 \n";
                        bytes.push(letters[rng.below(letters.len())]);
                    }
                }
                bytes
            }
        };
        check_invariants(read(&bytes, None, None));
        check_invariants(read(&bytes, Some("x.csv"), Some(&mapping)));
    }
}
