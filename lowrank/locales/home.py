"""The home page: the course at a glance and the photograph's taste of it (app.py)."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- home page -----------------------------------------------------------------------------
    "home.hero": {
        "zh": "一个矩阵里的信息，往往只靠少数几个方向就能说清。",
        "en": "Most of what a matrix says can often be said with a few directions.",
    },
    "home.intro": {
        "zh": "这个应用跟着一份 LoRA 学习笔记一步一步走：先用奇异值分解（SVD）看清“低秩近似”，"
        "再用真实计算说明为什么 LoRA 分解的是微调增量 ΔW 而不是预训练权重 W，"
        "最后亲手训练一个 LoRA，看冻结的 W 旁边两个小矩阵如何学习。"
        "每个页面都有一个滑块或按钮：动手改，数字和图立刻跟着变。",
        "en": "This app walks through a study note on LoRA, step by step: first the singular value "
        "decomposition (SVD) and what a low-rank approximation keeps; then real computations that "
        "show why LoRA factorises the fine-tuning update ΔW and not the pretrained weights W; "
        "finally a LoRA you train yourself, two small matrices learning beside a frozen W. "
        "Every page has a slider or a button: change it and the numbers and pictures follow.",
    },
    "home.how": {
        "zh": "怎么用：按顺序走左边的路线，或直接跳到感兴趣的一步。每页顶部是这一页要回答的问题，"
        "底部有几道自测题。地址栏的链接里记着这一页的设置（语言、滑块和各项选择），发给同学，对方打开的就是同样的设置；"
        "只有你上传的文件和你按下的训练不会跟着链接走。",
        "en": "How to use it: follow the path on the left in order, or jump to any step. Each page "
        "opens with the question it answers and ends with a short self-check. The address bar's link "
        "holds the page's settings (language, sliders, choices): share it and others open the same "
        "settings; only a file you uploaded and a training run you started stay with you.",
    },
    "home.formula": {
        "zh": "只需记住一个公式",
        "en": "The one formula to remember",
    },
    "home.taste.title": {
        "zh": "先尝一口：同一张照片，只保留最大的 k 个奇异值",
        "en": "A taste: one photograph, keeping only its k largest singular values",
    },
    "home.taste.caption": {
        "zh": "k = {k} · 存 {share} 的数 · 保留 {energy} 能量",
        "en": "k = {k} · {share} of the numbers · {energy} of the energy",
    },
    "home.taste.link": {"zh": "自己拖动秩 k 试试", "en": "Drag the rank k yourself"},
    "home.note_source": {
        "zh": "依据：LoRA 学习笔记（中文）；Hu et al., 2021, *LoRA: Low-Rank Adaptation of Large "
        "Language Models*, arXiv:2106.09685。",
        "en": "Based on: a LoRA study note (in Chinese); Hu et al., 2021, *LoRA: Low-Rank Adaptation "
        "of Large Language Models*, arXiv:2106.09685.",
    },
}
