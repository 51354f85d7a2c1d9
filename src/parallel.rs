//! Rendering on every core, writing in order. A set's variants are drawn one after another (each draw
//! depends on the ones before: duplicates, the rejection streak), rendered side by side (a variant's sheets
//! depend on nothing but the variant), and written one after another in the order they were drawn, so the
//! output is byte for byte the serial run's.
//!
//! Items go in batches of [`BATCH`], in a pipeline of three: while the workers render one batch, the
//! calling thread draws the next and then writes the one rendered before, in order. At most three
//! batches are held at once, whatever the count.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::{Error, Result};

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
    then: Option<Error>,
}

impl<T> Batch<T> {
    /// Whether the source has nothing after this batch: it ended, or an error ended it.
    fn is_last(&self) -> bool {
        self.then.is_some() || self.items.len() < BATCH
    }
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

/// A batch whose items are rendered (each slot holds its item's rendering), waiting to be written.
struct Rendered<T, R> {
    batch: Batch<T>,
    slots: Vec<Mutex<Option<Result<R>>>>,
}

impl<T, R> Rendered<T, R> {
    /// Writes each item with its rendering in order; the first error (a rendering's, a write's, then
    /// the drawing's) stops it.
    fn write(self, write: &mut impl FnMut(T, R) -> Result<()>) -> Result<()> {
        for (item, slot) in self.batch.items.into_iter().zip(self.slots) {
            let result = slot.into_inner().unwrap_or_else(|e| e.into_inner());
            write(item, result.expect("every item of a batch is rendered")?)?;
        }
        self.batch.then.map_or(Ok(()), Err)
    }
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
    let mut batch = Some(draw(source));
    let mut rendered: Option<Rendered<T, R>> = None;
    while batch.is_some() || rendered.is_some() {
        let current = batch.take();
        let slots: Vec<Mutex<Option<Result<R>>>> = (current.iter())
            .flat_map(|batch| batch.items.iter().map(|_| Mutex::new(None)))
            .collect();
        let cursor = AtomicUsize::new(0);
        let (next, written) = std::thread::scope(|scope| {
            let handles = match &current {
                Some(current) => {
                    let work = (&current.items[..], &slots[..], &cursor);
                    spawn(scope, work, states, &render)
                }
                None => Vec::new(),
            };
            // The next batch is drawn, then the one before written, while this one renders.
            let next = match &current {
                Some(current) if !current.is_last() => Some(draw(source)),
                _ => None,
            };
            let written = rendered
                .take()
                .map_or(Ok(()), |done| done.write(&mut write));
            for handle in handles {
                if let Err(panic) = handle.join() {
                    std::panic::resume_unwind(panic);
                }
            }
            (next, written)
        });
        written?;
        rendered = current.map(|batch| Rendered { batch, slots });
        batch = next;
    }
    Ok(())
}

/// The items of a batch, their slots and the index of the next item to take.
type Work<'a, T, R> = (&'a [T], &'a [Mutex<Option<Result<R>>>], &'a AtomicUsize);

/// Starts the workers on the items of `work`, each taking the next item until none is left and putting
/// its rendering into its slot.
fn spawn<'scope, T, R, S>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    (items, slots, cursor): Work<'scope, T, R>,
    states: &'scope mut [S],
    render: &'scope (impl Fn(&mut S, &T) -> Result<R> + Sync),
) -> Vec<std::thread::ScopedJoinHandle<'scope, ()>>
where
    T: Sync,
    R: Send,
    S: Send,
{
    (states.iter_mut())
        .map(|state| {
            scope.spawn(move || {
                loop {
                    let at = cursor.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(at) else { break };
                    let result = render(state, item);
                    *slots[at].lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
                }
            })
        })
        .collect()
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
