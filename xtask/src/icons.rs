//! `cargo xtask icons`: draws the extension icons into `static/icons/`.
//!
//! The mark is a rounded blue square with two white arrows, a request going
//! out and a response coming back. Shapes are distance functions in a unit
//! square, sampled 4 x 4 times per pixel for anti-aliasing, so every size is
//! drawn from the same geometry instead of being scaled from one bitmap.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

use crate::workspace::Workspace;

/// Sizes Chromium uses for the toolbar, the extensions page and the store.
pub const SIZES: [u32; 4] = [16, 32, 48, 128];
const SAMPLES_PER_AXIS: u32 = 4;
const BACKGROUND: [f32; 3] = [0.043, 0.361, 0.671];
const FOREGROUND: [f32; 3] = [1.0, 1.0, 1.0];
const CORNER_RADIUS: f32 = 0.2;
const STROKE_WIDTH: f32 = 0.1;

/// A line segment drawn with round caps, in unit-square coordinates.
struct Segment {
    from: (f32, f32),
    to: (f32, f32),
}

const fn segment(from: (f32, f32), to: (f32, f32)) -> Segment {
    Segment { from, to }
}

/// Upper arrow points right (the request), lower arrow points left (the
/// response).
const ARROWS: [Segment; 6] = [
    segment((0.24, 0.37), (0.76, 0.37)),
    segment((0.76, 0.37), (0.63, 0.24)),
    segment((0.76, 0.37), (0.63, 0.50)),
    segment((0.76, 0.63), (0.24, 0.63)),
    segment((0.24, 0.63), (0.37, 0.50)),
    segment((0.24, 0.63), (0.37, 0.76)),
];

pub fn run(workspace: &Workspace) -> Result<()> {
    let dir = workspace.path("static/icons");
    fs::create_dir_all(&dir).with_context(|| format!("could not create {}", dir.display()))?;
    for size in SIZES {
        let path = dir.join(file_name(size));
        write_png(&path, size)?;
        println!("wrote {}", path.display());
    }
    Ok(())
}

pub fn file_name(size: u32) -> String {
    format!("icon-{size}.png")
}

fn write_png(path: &Path, size: u32) -> Result<()> {
    let bytes = encode_png(size)?;
    fs::write(path, bytes).with_context(|| format!("could not write {}", path.display()))
}

/// Encodes the icon of `size` x `size` pixels as an RGBA PNG.
pub fn encode_png(size: u32) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, size, size);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&render_rgba(size))?;
    writer.finish()?;
    Ok(bytes)
}

/// Renders straight (not premultiplied) RGBA pixels, row by row.
fn render_rgba(size: u32) -> Vec<u8> {
    let mut pixels = Vec::with_capacity((size * size * 4) as usize);
    for y in 0..size {
        for x in 0..size {
            let (background, foreground) = coverage(x, y, size);
            let alpha = background;
            let color: Vec<f32> = BACKGROUND
                .iter()
                .zip(FOREGROUND)
                .map(|(back, front)| back + (front - back) * foreground)
                .collect();
            pixels.extend(color.iter().map(|channel| to_byte(*channel)));
            pixels.push(to_byte(alpha));
        }
    }
    pixels
}

/// Returns the fraction of the pixel covered by the background square and,
/// within it, by the arrows.
fn coverage(x: u32, y: u32, size: u32) -> (f32, f32) {
    let mut background_hits = 0;
    let mut foreground_hits = 0;
    for sample_y in 0..SAMPLES_PER_AXIS {
        for sample_x in 0..SAMPLES_PER_AXIS {
            let point = (
                (x as f32 + (sample_x as f32 + 0.5) / SAMPLES_PER_AXIS as f32) / size as f32,
                (y as f32 + (sample_y as f32 + 0.5) / SAMPLES_PER_AXIS as f32) / size as f32,
            );
            if rounded_square_distance(point) <= 0.0 {
                background_hits += 1;
                if arrows_distance(point) <= 0.0 {
                    foreground_hits += 1;
                }
            }
        }
    }
    let background = background_hits as f32 / (SAMPLES_PER_AXIS * SAMPLES_PER_AXIS) as f32;
    let foreground = if background_hits == 0 {
        0.0
    } else {
        foreground_hits as f32 / background_hits as f32
    };
    (background, foreground)
}

/// Signed distance from `point` to the rounded square that fills the icon.
fn rounded_square_distance((x, y): (f32, f32)) -> f32 {
    let half = 0.5 - CORNER_RADIUS;
    let dx = ((x - 0.5).abs() - half).max(0.0);
    let dy = ((y - 0.5).abs() - half).max(0.0);
    (dx * dx + dy * dy).sqrt() - CORNER_RADIUS
}

/// Signed distance from `point` to the nearest arrow stroke.
fn arrows_distance(point: (f32, f32)) -> f32 {
    ARROWS
        .iter()
        .map(|segment| segment_distance(point, segment) - STROKE_WIDTH / 2.0)
        .fold(f32::INFINITY, f32::min)
}

fn segment_distance((px, py): (f32, f32), segment: &Segment) -> f32 {
    let (ax, ay) = segment.from;
    let (bx, by) = segment.to;
    let (abx, aby) = (bx - ax, by - ay);
    let along = (((px - ax) * abx + (py - ay) * aby) / (abx * abx + aby * aby)).clamp(0.0, 1.0);
    let (cx, cy) = (ax + abx * along, ay + aby * along);
    ((px - cx).powi(2) + (py - cy).powi(2)).sqrt()
}

fn to_byte(value: f32) -> u8 {
    (value.clamp(0.0, 1.0) * 255.0).round() as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pixel(pixels: &[u8], size: u32, x: u32, y: u32) -> [u8; 4] {
        let start = ((y * size + x) * 4) as usize;
        [
            pixels[start],
            pixels[start + 1],
            pixels[start + 2],
            pixels[start + 3],
        ]
    }

    #[test]
    fn corners_transparent_center_blue_arrows_white() {
        let pixels = render_rgba(128);

        assert_eq!(pixel(&pixels, 128, 0, 0)[3], 0, "corner");
        assert_eq!(pixel(&pixels, 128, 64, 64), [11, 92, 171, 255], "centre");
        assert_eq!(
            pixel(&pixels, 128, 64, 47),
            [255, 255, 255, 255],
            "upper arrow"
        );
        assert_eq!(
            pixel(&pixels, 128, 64, 80),
            [255, 255, 255, 255],
            "lower arrow"
        );
    }

    #[test]
    fn committed_icons_match_renderer() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../static/icons");
        for size in SIZES {
            let path = dir.join(file_name(size));
            let committed = fs::read(&path).unwrap_or_else(|error| {
                panic!("{}: {error}; run `cargo xtask icons`", path.display())
            });

            let rendered = encode_png(size).unwrap();

            assert!(
                committed == rendered,
                "{} differs from the renderer's output; run `cargo xtask icons`",
                path.display()
            );
        }
    }
}
