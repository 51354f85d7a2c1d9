//! Writing a set's folder whole: several writers of the same `--out` at once all succeed, and the
//! folder left is one whole set with its manifest.

use handprop::staging::{MANIFEST, Staging};
use std::fs;

#[test]
fn writers_of_the_same_folder_at_the_same_time_all_succeed_and_leave_one_whole_set() {
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("site");
    for round in 0..20 {
        let results: Vec<_> = std::thread::scope(|scope| {
            let writers: Vec<_> = (0..6)
                .map(|writer| {
                    let out = &out;
                    scope.spawn(move || {
                        let mut staging = Staging::begin(out, false)?;
                        staging.folder("pages")?;
                        staging.file("pages/who.txt", format!("{round}.{writer}"))?;
                        staging.file("index.txt", format!("{round}.{writer}"))?;
                        staging.commit()
                    })
                })
                .collect();
            writers.into_iter().map(|w| w.join().unwrap()).collect()
        });
        for result in &results {
            assert!(result.is_ok(), "round {round}: {result:?}");
        }
        let index = fs::read_to_string(out.join("index.txt")).unwrap();
        let who = fs::read_to_string(out.join("pages/who.txt")).unwrap();
        assert_eq!(index, who, "one writer's whole set");
        assert!(index.starts_with(&format!("{round}.")));
        assert_eq!(
            fs::read_to_string(out.join(MANIFEST)).unwrap(),
            "pages/who.txt\nindex.txt\n.handprop-manifest\n"
        );
    }
    let left: Vec<_> = fs::read_dir(scratch.path()).unwrap().flatten().collect();
    assert_eq!(left.len(), 1, "no temporary folder is left beside --out");
}
