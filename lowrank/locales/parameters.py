"""/parameters: texts of the views that follow the rank sliders (lowrank/views/parameters.py)."""

MESSAGES: dict[str, dict[str, str]] = {
    "par.saves": {
        "zh": "**✅ 省参数**：r = {r} < {value}，A + B 共 {lora} 个数，完整 ΔW 要 {full} 个，只需要它的 {share}。",
        "en": "**✅ Saves**: r = {r} < {value}, so A + B hold {lora} numbers against ΔW's {full}, only "
        "{share} of it.",
    },
    "par.loses": {
        "zh": "**⚖️ 不省**：r = {r} ≥ {value}，A + B 共 {lora} 个数，不比完整 ΔW 的 {full} 个少。",
        "en": "**⚖️ No saving**: r = {r} ≥ {value}, so A + B hold {lora} numbers, no fewer than "
        "ΔW's {full}.",
    },
    "par.blocks_cells": {
        "zh": "ΔW = A × B：每个小格是一个要训练的数",
        "en": "ΔW = A × B: each cell is one number to train",
    },
    "par.blocks_scale": {
        "zh": "ΔW = A × B，按比例绘制（过细的边加宽到 {px} 像素，以便看见）",
        "en": "ΔW = A × B to scale (sides thinner than {px} px are widened to stay visible)",
    },
    "par.blocks_alt": {
        "zh": "示意图：{d}×{k} 的 ΔW（{full} 个数）等于 {d}×{r} 的 A 乘 {r}×{k} 的 B，"
        "A 与 B 共 {a} + {b} = {total} 个数。",
        "en": "Diagram: ΔW, {d}×{k} ({full} numbers), as A ({d}×{r}) times B ({r}×{k}): "
        "{a} + {b} = {total} numbers in A and B.",
    },
    "par.r_coarse": {
        "zh": "r 在 1 到 {fine} 之间逐个可选；再往上只停在 2 的幂、盈亏平衡点两侧（{below} 和 {above}）"
        "以及 min(d, k) = {top}。",
        "en": "Every r from 1 to {fine}; above that the slider stops at powers of two, either side "
        "of the break-even rank ({below} and {above}) and at min(d, k) = {top}.",
    },
    "par.r_snapped": {
        "zh": "这个大小下没有 r = {old} 这一档，已调整为最接近的 {new}。",
        "en": "r = {old} is not a stop for this size; it was set to the nearest stop, {new}.",
    },
    "par.cost_mark": {"zh": "r = {r}", "en": "r = {r}"},
    # The module table's columns that change with the rank (lowrank/views/parameters.py); a
    # followed table: plain text, one text node per cell. "r = {r}" never breaks (no-break spaces).
    "par.col_lora_at": {
        "zh": "LoRA r(d_in+d_out)，r\u00a0=\u00a0{r}",
        "en": "LoRA r(d_in+d_out) at r\u00a0=\u00a0{r}",
    },
    "par.col_lora_share": {"zh": "LoRA ÷ 完整", "en": "LoRA ÷ full"},
    # Followed texts (swapped by the browser text node by text node): what changes with the rank
    # is in bold, the words around it stay.
    "par.per_layer": {
        "zh": "r = **{r}** 时，每层训练 **{terms} = {per_layer}** 个数；{layers} 层共 **{total}** 个。",
        "en": "At r = **{r}**, one layer trains **{terms} = {per_layer}** numbers; {layers} layers: "
        "**{total}**.",
    },
    "par.memory_frozen": {"zh": "冻结的权重", "en": "frozen weights"},
    "par.memory_mark": {
        "zh": "LoRA 的条只画冻结的模型权重；红色虚线和圆点是秩 r 时 LoRA 的总量："
        "再加上 A、B 本身、它们的梯度和 Adam 状态。",
        "en": "LoRA's bar shows the frozen model's weights; the red dashed line and dot mark "
        "LoRA's total at rank r, adding A and B themselves, their gradients and Adam state.",
    },
}
