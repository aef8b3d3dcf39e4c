"""Word gaps in fonts that draw no space: a workaround for pypdf's reading of them.

Typesetters such as XeTeX place the words of a line apart without drawing a space. pypdf
tells such a gap from the kerning inside a word by comparing it with half the width of the
font's space. A composite (Type0) font with no glyph for the space has no such width, and
pypdf (7.x, its issue #3978) then takes the width of whatever glyph has code 32. When that
glyph is wide, every word gap of a tightly justified line reads as kerning and the words run
together ("thevoiceofcooperativesatEuropeanlevel"). Such a font is given the typographic
default, a quarter of an em, instead. Fonts that do map a code to the space are left alone.
"""

from __future__ import annotations

# A space a quarter of an em wide, in the thousandths of an em glyph widths are given in.
TYPOGRAPHIC_SPACE = 250


def _font_class():
    """Return pypdf's font class, or None where this pypdf does not have it."""
    try:
        from pypdf.generic._font import Font
    except ImportError:
        return None
    return Font if hasattr(Font, "from_font_resource") else None


def give_spaceless_fonts_a_space() -> None:
    """Make pypdf read fonts without a space glyph with a quarter-em space (once)."""
    font_class = _font_class()
    if font_class is None or getattr(font_class, "_kb_space_fixed", False):
        return
    read_font = font_class.from_font_resource.__func__

    def from_font_resource(cls, resource):
        font = read_font(cls, resource)
        if getattr(font, "sub_type", None) == "Type0" and " " not in font.character_map.values():
            font.space_width = TYPOGRAPHIC_SPACE
        return font

    font_class.from_font_resource = classmethod(from_font_resource)
    font_class._kb_space_fixed = True
