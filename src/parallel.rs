//! Rendering on every core, writing in order. A set's variants are drawn one after another (each draw
//! depends on the ones before: duplicates, the rejection streak), rendered side by side (a variant's sheets
//! depend on nothing but the variant), and written one after another in the order they were drawn, so the
//! output is byte for byte the serial run's.
//!
//! Items go in batches of [`BATCH`]: while the workers render one batch, the calling thread draws the next;
//! then it writes the rendered batch in order. At most two batches are held at once, whatever the count.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::Result;

/// How many items a batch holds.
pub const BATCH: usize = 64;

/// How many workers render: `HANDPROP_THREADS` when it is a number from 1 to 256, else one a core.
pub fn workers() -> usize {
    let given = std::env::var("HANDPROP_THREADS").ok();
    match given.and_then(|text| text.parse::<usize>().ok()) {
        Some(count @ 1..=256) => count,
        _ => std::thread::available_parallelism().map_or(1, usize::from),
    }
}

/// Items drawn for one batch, and the error that ended the drawing, if any (it comes after them).
struct Batch<T> {
    items: Vec<T>,
    then: Option<crate::error::Error>,
}

fn draw<T>(source: &mut impl Iterator<Item = Result<T>>) -> Batch<T> {
    let mut items = Vec::with_capacity(BATCH);
    while items.len() < BATCH {
        match source.next() {
            Some(Ok(item)) => items.push(item),
            Some(Err(error)) => {
                return Batch {
                    items,
                    then: Some(error),
                };
            }
            None => break,
        }
    }
    Batch { items, then: None }
}

/// Draws every item of `source`, renders each with `render` on one of the workers (each with its own
/// `state`, one per worker: a cache such as a typesetter), and hands each item with its rendering to
/// `write` in the source's order. The first error in that order stops it, as a serial loop would.
pub fn render_in_order<T, R, S>(
    source: &mut impl Iterator<Item = Result<T>>,
    states: &mut [S],
    render: impl Fn(&mut S, &T) -> Result<R> + Sync,
    mut write: impl FnMut(T, R) -> Result<()>,
) -> Result<()>
where
    T: Sync,
    R: Send,
    S: Send,
{
    let mut batch = draw(source);
    loop {
        let current = batch;
        let cursor = AtomicUsize::new(0);
        let slots: Vec<Mutex<Option<Result<R>>>> =
            current.items.iter().map(|_| Mutex::new(None)).collect();
        let next = std::thread::scope(|scope| {
            let (items, slots_ref, cursor_ref, render) = (&current.items, &slots, &cursor, &render);
            let handles: Vec<_> = (states.iter_mut())
                .map(|state| {
                    scope.spawn(move || {
                        loop {
                            let at = cursor_ref.fetch_add(1, Ordering::Relaxed);
                            let Some(item) = items.get(at) else { break };
                            let result = render(state, item);
                            *slots_ref[at].lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
                        }
                    })
                })
                .collect();
            // The next batch is drawn while this one renders (none after an error).
            let next = match current.then.is_some() || current.items.len() < BATCH {
                true => Batch {
                    items: Vec::new(),
                    then: None,
                },
                false => draw(source),
            };
            for handle in handles {
                if let Err(panic) = handle.join() {
                    std::panic::resume_unwind(panic);
                }
            }
            next
        });
        for (item, slot) in current.items.into_iter().zip(slots) {
            let result = slot.into_inner().unwrap_or_else(|e| e.into_inner());
            write(item, result.expect("every item of a batch is rendered")?)?;
        }
        if let Some(error) = current.then {
            return Err(error);
        }
        if next.items.is_empty() && next.then.is_none() {
            return Ok(());
        }
        batch = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn items_are_written_in_order_and_the_first_error_stops_them() {
        for count in [0, 1, BATCH - 1, BATCH, BATCH + 1, 5 * BATCH + 3] {
            let mut source = (0..count).map(Ok);
            let mut written = Vec::new();
            let mut states = vec![0usize; 3];
            render_in_order(
                &mut source,
                &mut states,
                |seen, &n| {
                    *seen += 1;
                    Ok(n * n)
                },
                |n, square| {
                    written.push((n, square));
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(written, (0..count).map(|n| (n, n * n)).collect::<Vec<_>>());
            assert_eq!(states.iter().sum::<usize>(), count);
        }
        // a drawing error after 100 items, a rendering error at item 70: item 70's comes first
        let mut source = (0..200).map(|n| match n {
            100 => Err(Error::Usage("draw".into())),
            n => Ok(n),
        });
        let mut written = 0;
        let render = |_: &mut (), &n: &usize| match n {
            70 => Err(Error::Usage("render".into())),
            n => Ok(n),
        };
        let error = render_in_order(&mut source, &mut [(), ()], render, |_, _| {
            written += 1;
            Ok(())
        });
        assert_eq!(error.unwrap_err().to_string(), "render");
        assert_eq!(written, 70);
        let mut source = (0..200).map(|n| match n {
            100 => Err(Error::Usage("draw".into())),
            n => Ok(n),
        });
        let error = render_in_order(&mut source, &mut [()], |_, &n| Ok(n), |_, _| Ok(()));
        assert_eq!(error.unwrap_err().to_string(), "draw");
    }
}
