"""The page's look: a theme whose text passes WCAG AA (≥ 4.5:1) in light and dark, and CSS built on the
theme's variables, so cards, quotes and badges follow the colour scheme instead of fixed white."""

from __future__ import annotations

import gradio as gr


def theme():
    return gr.themes.Default(
        primary_hue="blue", secondary_hue="blue", neutral_hue="slate",
        font=[gr.themes.LocalFont("Source Sans Pro", weights=(400, 700)), "ui-sans-serif", "system-ui", "sans-serif"],
        font_mono=["ui-monospace", "monospace"],
    ).set(
        button_primary_background_fill="#1d4ed8", button_primary_background_fill_hover="#1e40af",
        button_primary_text_color="#ffffff",
        button_primary_background_fill_dark="#1d4ed8", button_primary_background_fill_hover_dark="#1e3a8a",
        button_primary_text_color_dark="#ffffff",
        body_text_color_subdued="#475569", body_text_color_subdued_dark="#cbd5e1",
        block_label_text_color="#334155", block_label_text_color_dark="#cbd5e1",
        block_title_text_color="#1e293b", block_title_text_color_dark="#e2e8f0",
        input_placeholder_color="#64748b", input_placeholder_color_dark="#94a3b8",
        color_accent="#1d4ed8", color_accent_soft="#dbeafe", color_accent_soft_dark="#1e3a8a",
        link_text_color="#1d4ed8", link_text_color_dark="#93c5fd",
        link_text_color_visited="#6d28d9", link_text_color_visited_dark="#c4b5fd",
    )


CSS = """
:root{--pb-mark-bg:#fff3b0;--pb-mark-fg:#1f2328;--pb-bad-bg:#ffebe9;--pb-bad-fg:#a40e26;--pb-ok-bg:#dafbe1;--pb-ok-fg:#116329;
--pb-info-bg:#ddf4ff;--pb-info-fg:#0a3069;--pb-warn-fg:#7d4e00}
.dark{--pb-mark-bg:#6b5800;--pb-mark-fg:#fff8d6;--pb-bad-bg:#5c1018;--pb-bad-fg:#ffd8d3;--pb-ok-bg:#0f3d1f;--pb-ok-fg:#c8f7d4;
--pb-info-bg:#0c2d4d;--pb-info-fg:#d6ecff;--pb-warn-fg:#f5d77a}
.pb-card{border:1px solid var(--border-color-primary);border-radius:8px;padding:10px 12px;margin:8px 0;
background:var(--block-background-fill);color:var(--body-text-color)}
.pb-card h4{margin:0 0 4px 0;font-size:15px;color:var(--body-text-color)}
.pb-meta{color:var(--body-text-color-subdued);font-size:13px;margin:2px 0}
.pb-badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;margin-left:6px;white-space:nowrap}
.pb-expired{background:var(--pb-bad-bg);color:var(--pb-bad-fg);border:1px solid currentColor}
.pb-valid{background:var(--pb-ok-bg);color:var(--pb-ok-fg);border:1px solid currentColor}
mark,.pb-quote,.pb-result mark{background:var(--pb-mark-bg);color:var(--pb-mark-fg);padding:0 2px}
.pb-passage{white-space:pre-wrap;font-size:13px;color:var(--body-text-color);margin-top:6px}
.pb-card details summary,.pb-src summary,.pb-more summary{cursor:pointer;color:var(--link-text-color)}
.pb-notfound{border:1px dashed var(--pb-warn-fg);background:var(--block-background-fill);color:var(--body-text-color);
border-radius:8px;padding:10px 12px}
.pb-warn{color:var(--pb-warn-fg);font-size:13px;margin:4px 0}.pb-warn.pb-inforce{color:var(--pb-ok-fg)}
.pb-rejected{color:#cf222e}.pb-accepted{color:#1a7f37}.pb-results{list-style:none;padding-left:0}
.pb-notice{background:var(--pb-info-bg);color:var(--pb-info-fg);border-radius:6px;padding:6px 10px;margin-bottom:6px}
.pb-tag{display:inline-block;border-radius:6px;padding:2px 8px;margin-bottom:6px;font-size:13px}
.pb-tag-none{background:var(--pb-bad-bg);color:var(--pb-bad-fg)}
.pb-tag-curated{background:var(--pb-ok-bg);color:var(--pb-ok-fg)}
.pb-tag-elsewhere{background:var(--pb-info-bg);color:var(--pb-info-fg)}
.pb-msg p{margin:0 0 6px 0}
.pb-msg a.pb-ref{color:var(--link-text-color);text-decoration:underline;font-weight:bold}
.pb-src{margin-top:6px}
.pb-src .pb-card{margin:6px 0}
.pb-flash{outline:3px solid var(--color-accent);outline-offset:2px}
.pb-actions{margin-top:6px}
.pb-copy{border:1px solid var(--border-color-primary);border-radius:6px;padding:2px 10px;font-size:13px;cursor:pointer;
background:var(--button-secondary-background-fill);color:var(--button-secondary-text-color)}
.pb-rel{font-size:13px;color:var(--body-text-color-subdued);display:flex;align-items:center;gap:6px}
.pb-bar{display:inline-block;width:80px;height:8px;border-radius:4px;background:var(--border-color-primary);overflow:hidden}
.pb-bar span{display:block;height:100%;background:var(--color-accent)}
.pb-outline{font-size:13px;line-height:1.6}.pb-outline a.pb-jump{color:var(--link-text-color);text-decoration:none}
.pb-outline a.pb-jump:hover{text-decoration:underline}.pb-anchor{scroll-margin-top:12px}
.pb-item{border-bottom:1px solid var(--border-color-primary);padding:8px 0}
.pb-total{font-size:16px;margin:6px 0}
.pb-group summary{font-weight:bold;cursor:pointer;margin:8px 0}
.pb-cat table,.pb-docs table{border-collapse:collapse;width:100%;font-size:14px}
.pb-cat th,.pb-cat td,.pb-docs th,.pb-docs td{border-bottom:1px solid var(--border-color-primary);padding:6px;text-align:left;
vertical-align:top;color:var(--body-text-color)}
.pb-cat-detail td{border-bottom:2px solid var(--border-color-primary)}
@media (max-width:700px){.pb-cat thead,.pb-docs thead{display:none}
.pb-cat tr,.pb-cat td,.pb-docs tr,.pb-docs td{display:block;width:auto}.pb-cat-row td:first-child{font-weight:bold}
.pb-docs tr{border:1px solid var(--border-color-primary);border-radius:8px;margin:8px 0;padding:4px 8px}
.pb-docs td{border:none;padding:2px 0}.pb-docs td:not(:first-child)::before{content:attr(data-label) "：";
color:var(--body-text-color-subdued)}
.pb-cat-row td{border:none;padding:2px 0}.pb-cat-row td:not(:first-child)::before{content:attr(data-label) "：";
color:var(--body-text-color-subdued)}.pb-cat-row{padding-top:6px}}
.dark button[role="tab"][aria-selected="true"]{color:#93c5fd}
.dark .pb-rejected{color:#ff7b72}.dark .pb-accepted{color:#3fb950}
footer{display:none !important}
@media (max-width:700px){
#chatbot{height:auto !important;max-height:none !important;overflow:visible !important}
#chatbot .bubble-wrap{height:auto !important;max-height:none !important;overflow:visible !important}
#chatbot .scroll-down-button-container{display:none !important}
.tab-wrapper .tab-container button{padding:4px 6px !important;font-size:14px !important}
.overflow-menu > button::after{content:"更多";margin-left:2px;font-size:14px}}
"""
