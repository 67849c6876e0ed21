"""Shared by /svd and /reconstruct: the example matrices, the matrix chooser (typed, uploaded), its input errors, heatmaps and downloads (lowrank/ui/matrix_pages.py, lowrank/ui/matrix_source.py)."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- example matrices (lowrank.examples; ids are stable, they appear in the URL) ---------------
    "example.note.title": {
        "zh": "笔记式例子：8×6，前四列就够了",
        "en": "Like the note: 8×6, the first four columns suffice",
    },
    "example.note.desc": {
        "zh": "0–9 的整数。第 5 列 = 第 1 列 + 第 2 列，第 6 列 = 第 2 列 + 第 4 列，所以前四列就已经包含了矩阵的全部信息（秩为 4）；而且只有两个奇异值很大。",
        "en": "Integers 0–9. Column 5 = column 1 + column 2 and column 6 = column 2 + column 4, so the first four columns already carry all of the matrix's information (rank 4), and only two singular values are large.",
    },
    "example.delta_w.title": {
        "zh": "笔记里的 ΔW = A×B：5×4，秩 2",
        "en": "The note's ΔW = A×B: 5×4, rank 2",
    },
    "example.delta_w.desc": {
        "zh": "一个 5×2 的 A 乘一个 2×4 的 B：20 个数，其实只由 10 + 8 = 18 个数决定，秩最多是 2。",
        "en": "A 5×2 matrix A times a 2×4 matrix B: 20 numbers that are really fixed by 10 + 8 = 18, with rank at most 2.",
    },
    "example.random.title": {"zh": "随机矩阵：5×5", "en": "Random: 5×5"},
    "example.random.desc": {
        "zh": "固定随机种子生成的高斯随机数（保留一位小数），没有刻意放进任何结构：能量比较分散，最大的奇异值占不到一半，要 5 个里的 3 个才能保留 90%；它自己的特征值是复数。",
        "en": "Gaussian random numbers from a fixed seed (one decimal), with no structure put in: the energy is spread out, the largest singular value holding less than half and three of the five needed for 90%; its own eigenvalues are complex.",
    },
    "example.low_rank_noise.title": {
        "zh": "低秩 + 噪声：8×6",
        "en": "Low rank plus noise: 8×6",
    },
    "example.low_rank_noise.desc": {
        "zh": "一个秩 2 的“信号”加上少量随机噪声：两个大奇异值，后面是一排小的“噪声底”。只保留前 2 个，得到的矩阵比原数据更接近信号：截断去掉了一部分噪声。",
        "en": "A rank-2 “signal” plus a little random noise: two large singular values, then a floor of small ones. Keeping two gives a matrix closer to the signal than the data itself: truncation removes part of the noise.",
    },
    "example.symmetric.title": {
        "zh": "对称正定：4×4",
        "en": "Symmetric positive definite: 4×4",
    },
    "example.symmetric.desc": {
        "zh": "对称且所有特征值为正：只有这种（对称半正定）矩阵，特征值才恰好等于奇异值。",
        "en": "Symmetric with positive eigenvalues: only for such (symmetric positive semi-definite) matrices are the eigenvalues exactly the singular values.",
    },
    "example.identity.title": {"zh": "单位矩阵：4×4", "en": "Identity: 4×4"},
    "example.identity.desc": {
        "zh": "所有奇异值都是 1：没有哪个方向更重要，每去掉一个方向就丢掉同样多的能量。",
        "en": "Every singular value is 1: no direction matters more than another, and each one dropped loses the same energy.",
    },
    # --- matrix chooser (lowrank.ui.matrix_source) -----------------------------------------------
    "source.label": {"zh": "矩阵 S", "en": "Matrix S"},
    "source.grid.title": {"zh": "自己输入（表格）", "en": "Type your own (grid)"},
    "source.csv.title": {"zh": "上传 CSV 文件", "en": "Upload a CSV file"},
    "source.grid.help": {
        "zh": "直接在表格里改数字（也可以从 Excel 复制粘贴）。最多 12×12；清空的格子会被指出来。",
        "en": "Edit the numbers in the table (pasting from a spreadsheet works too). Up to 12×12; an emptied cell is pointed out.",
    },
    "source.grid.rows": {"zh": "行数", "en": "Rows"},
    "source.grid.cols": {"zh": "列数", "en": "Columns"},
    "source.csv.upload": {"zh": "选择一个 CSV 文件", "en": "Choose a CSV file"},
    "source.csv.help": {
        "zh": "最多 200×200。分隔符可以是逗号、分号、制表符或空格；第一行可以是表头；小数逗号（1,5）也可以，只要全文件一致。",
        "en": "Up to 200×200. Commas, semicolons, tabs or spaces between numbers; an optional header row; decimal commas (1,5) work when the whole file uses them.",
    },
    "source.csv.waiting": {
        "zh": "还没有上传文件：先用“笔记式例子”代替。",
        "en": "No file uploaded yet: the note-like example is shown meanwhile.",
    },
    "source.csv.using": {
        "zh": "正在使用上传的文件 {name}（{rows}×{cols}）。",
        "en": "Using the uploaded file {name} ({rows}×{cols}).",
    },
    "source.shape": {"zh": "S 是 {rows}×{cols} 的矩阵。", "en": "S is {rows}×{cols}."},
    # --- input errors raised by lowrank.matrix_input --------------------------------------------
    "input.file_too_large": {
        "zh": "文件太大：{size_kb} KB，最多 {max_kb} KB。",
        "en": "The file is too large: {size_kb} KB; the limit is {max_kb} KB.",
    },
    "input.not_text": {
        "zh": "这不是文本文件（可能是图片或表格程序的二进制文件）：请把数据另存为 CSV。",
        "en": "This is not a text file (perhaps an image or a spreadsheet's binary file): save the data as CSV.",
    },
    "input.ragged_row": {
        "zh": "第 {row} 行有 {found} 个数，但前面的行有 {expected} 个：矩阵的每一行必须一样长。",
        "en": "Row {row} has {found} entries but the rows before it have {expected}: every row of a matrix must be equally long.",
    },
    "input.missing_cell": {
        "zh": "第 {row} 行第 {col} 列是空的：请填一个数字。",
        "en": "Row {row}, column {col} is empty: fill in a number.",
    },
    "input.mixed_decimals": {
        "zh": "文件里既有小数点又有小数逗号（第 {row} 行第 {col} 列：“{value}”），无法确定怎么读：请统一用一种。",
        "en": "The file mixes decimal points and decimal commas (row {row}, column {col}: “{value}”), so it cannot be read unambiguously: use one of them throughout.",
    },
    "input.too_small": {
        "zh": "矩阵只有 {rows}×{cols}：至少需要 {min_rows} 行、{min_cols} 列，才有可以比较的奇异值。",
        "en": "The matrix is only {rows}×{cols}: it needs at least {min_rows} rows and {min_cols} columns to have singular values worth comparing.",
    },
    # --- shared by both pages -------------------------------------------------------------------
    "s1.heat.s": {"zh": "S（{rows}×{cols}）", "en": "S ({rows}×{cols})"},
    "s1.rank": {
        "zh": "秩（数值秩）：{rank}，即大于 {tol} 的奇异值个数。",
        "en": "Rank (numerical): {rank}, the number of singular values above {tol}.",
    },
    "s1.zero_matrix": {
        "zh": "S 是零矩阵：所有奇异值都是 0，没有什么可近似的。换一个矩阵试试。",
        "en": "S is the zero matrix: every singular value is 0 and there is nothing to approximate. Try another matrix.",
    },
    "s1.download.which": {"zh": "下载哪个矩阵", "en": "Matrix to download"},
    "s1.download.csv": {"zh": "下载 {name}（CSV）", "en": "Download {name} (CSV)"},
    "s1.download.png": {
        "zh": "下载幻灯片用的图（PNG）",
        "en": "Download a figure for slides (PNG)",
    },
}
