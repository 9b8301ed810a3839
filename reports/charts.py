"""Charts drawn on the server as SVG: no script, no CDN, readable on a cheap phone."""

from django.utils.html import format_html, format_html_join

from marketplace.formatting import format_number

WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 640, 220, 56, 28, 12


def line_chart(points, value="listed_products", title=""):
    """A line of `value` over `points` ([{"date", value}]), with its first/last dates and scale."""
    if not points:
        return ""
    values = [point[value] for point in points]
    top = max(max(values), 1)
    plot_width, plot_height = WIDTH - LEFT - 8, HEIGHT - BOTTOM - TOP
    step = plot_width / max(len(points) - 1, 1)

    def y(number):
        return TOP + plot_height * (1 - number / top)

    line = " ".join(f"{LEFT + i * step:.1f},{y(v):.1f}" for i, v in enumerate(values))
    area = f"{LEFT},{y(0):.1f} {line} {LEFT + (len(values) - 1) * step:.1f},{y(0):.1f}"
    grid = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" class="chart-grid"/>'
        '<text x="{}" y="{}" class="chart-scale" text-anchor="end">{}</text>',
        (
            (
                LEFT,
                WIDTH - 8,
                f"{y(n):.1f}",
                f"{y(n):.1f}",
                LEFT - 6,
                f"{y(n) + 4:.1f}",
                format_number(n),
            )
            for n in sorted({0, top // 2, top})
        ),
    )
    return format_html(
        '<svg class="chart" viewBox="0 0 {w} {h}" role="img" aria-label="{title}">'
        "<title>{title}</title>{grid}"
        '<polygon points="{area}" class="chart-area"/>'
        '<polyline points="{line}" class="chart-line" fill="none"/>'
        '<text x="{left}" y="{h_text}" class="chart-scale">{first}</text>'
        '<text x="{right}" y="{h_text}" class="chart-scale" text-anchor="end">{last}</text>'
        "</svg>",
        w=WIDTH, h=HEIGHT, title=title, grid=grid, area=area, line=line, left=LEFT,
        right=WIDTH - 8, h_text=HEIGHT - 8, first=points[0]["date"], last=points[-1]["date"],
    )  # fmt: skip


def bar(value, maximum):
    """A horizontal bar for a table cell, its width the share of the largest value. An SVG
    rectangle's width attribute, not a style attribute: the pages' Content-Security-Policy
    refuses inline styles (they drew every bar 0 px wide)."""
    width = 0 if not maximum else round(100 * value / maximum, 1)
    return format_html(
        '<svg class="figure-bar" viewBox="0 0 100 10" preserveAspectRatio="none" '
        'aria-hidden="true" focusable="false"><rect width="{}" height="10"/></svg>',
        width,
    )
