"""/reconstruct: rank-k reconstructions, the energy kept, the errors, the guess (pages/3_reconstruct.py)."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- page 2: keep the largest singular values ---------------------------------------------
    "rec.question": {
        "zh": "只保留最大的 k 个奇异值，S 还剩下多少？还有没有别的秩 k 矩阵能更接近 S？",
        "en": "Keep only the k largest singular values: how much of S survives, and can any other rank-k matrix come closer to S?",
    },
    "rec.slider": {"zh": "秩 k（保留的奇异值个数）", "en": "Rank k (singular values kept)"},
    "rec.slider.help": {
        "zh": "也可以先点一下滑块，再用键盘的 ← → 键一格一格地移动。",
        "en": "You can also click the slider and move it one step at a time with the ← → keys.",
    },
    "rec.rank_one": {
        "zh": "S 的秩是 1：一层 σ₁u₁v₁ᵀ 就能把它完整重建，k 只能是 1。",
        "en": "S has rank 1: the single layer σ₁u₁v₁ᵀ rebuilds it exactly, so k can only be 1.",
    },
    "rec.heat.approx": {"zh": "S{sub}（秩 {k} 近似）", "en": "S{sub} (rank-{k} approximation)"},
    "rec.heat.residual": {"zh": "误差 S − S{sub}", "en": "Error S − S{sub}"},
    "rec.alt.approx": {
        "zh": "S{sub}（秩 {k} 近似，{m}×{n}）的热图：保留 S 的 {energy} 能量，绝对值最大的元素为 {largest}。",
        "en": "Heatmap of S{sub}, the rank-{k} approximation ({m}×{n}): it keeps {energy} of S's "
        "energy; its largest entry in absolute value is {largest}.",
    },
    "rec.alt.residual": {
        "zh": "误差 S − S{sub} 的热图：‖S − S{sub}‖_F = {error}，绝对值最大的元素为 {largest}。",
        "en": "Heatmap of the error S − S{sub}: ‖S − S{sub}‖_F = {error}; its largest entry in "
        "absolute value is {largest}.",
    },
    "rec.heat.caption": {
        "zh": "三张图用同一个颜色尺度（以 S 为准），颜色可以直接比较。",
        "en": "All three maps share one colour scale (that of S), so colours compare directly.",
    },
    "rec.numbers": {"zh": "用数字说话", "en": "The numbers"},
    "rec.m.energy": {"zh": "保留的能量", "en": "Energy kept"},
    "rec.m.energy.help": {
        "zh": "(σ₁² + … + σₖ²) / (σ₁² + σ₂² + …)：前 k 个奇异值的平方和占全部的比例。",
        "en": "(σ₁² + … + σₖ²) / (σ₁² + σ₂² + …): the share of the sum of squared singular values that the first k carry.",
    },
    "rec.m.frobenius": {"zh": "‖S − S_{k}‖_{F}（直接算）", "en": "‖S − S_{k}‖_{F} (direct)"},
    "rec.m.frobenius.formula": {
        "zh": "√(σₖ₊₁² + σₖ₊₂² + …) = {value}",
        "en": "√(σₖ₊₁² + σₖ₊₂² + …) = {value}",
    },
    "rec.m.spectral": {"zh": "‖S − S_{k}‖_{2}（直接算）", "en": "‖S − S_{k}‖_{2} (direct)"},
    "rec.m.spectral.formula": {"zh": "σₖ₊₁ = {value}", "en": "σₖ₊₁ = {value}"},
    "rec.m.storage": {"zh": "需要存的数", "en": "Numbers stored"},
    "rec.m.storage.detail": {
        "zh": "k(m+n+1) = {stored}，原矩阵 m·n = {full}",
        "en": "k(m+n+1) = {stored}, against m·n = {full}",
    },
    "rec.m.error.help": {
        "zh": "“直接算”是用 S − Sₖ 的每一项算出来的；下面的小字是用奇异值按 Eckart–Young 公式算的。两者相等。",
        "en": "“Direct” is computed from the entries of S − Sₖ; the small print below is the Eckart–Young formula in the singular values. They agree.",
    },
    "rec.eckart_young": {
        "zh": "Eckart–Young–Mirsky 定理：在所有秩不超过 k 的矩阵里，Sₖ 离 S 最近（无论用 F 范数还是 2 范数）。",
        "en": "Eckart–Young–Mirsky: of all matrices of rank at most k, Sₖ is the closest to S, in the Frobenius and in the spectral norm.",
    },
    "rec.storage.note": {
        "zh": "存 k 列 U、k 列 V 和 k 个 σ。秩 {k} 时要存 {stored} 个数，比原来的 {full} 个{verdict}。",
        "en": "Store k columns of U, k of V and k values σ. At rank {k} that is {stored} numbers against {full}: {verdict}.",
    },
    "rec.storage.saves": {"zh": "少", "en": "a saving"},
    "rec.storage.costs": {
        "zh": "还多（这么小的矩阵不划算）",
        "en": "more (not worth it for so small a matrix)",
    },
    "rec.energy.title": {"zh": "保留的能量随 k 的变化", "en": "Energy kept as k grows"},
    "rec.energy.curve": {
        "zh": "(σ₁² + … + σₖ²) / (σ₁² + σ₂² + …)",
        "en": "(σ₁² + … + σₖ²) / (σ₁² + σ₂² + …)",
    },
    "rec.energy.axis": {"zh": "保留的能量", "en": "energy kept"},
    "rec.energy.alt": {
        "zh": "保留的能量随 k 增长：k = 1 时为 {first}，k = {rank} 时为 {last}；现在 k = {k}，保留 {energy}。",
        "en": "Energy kept as k grows: {first} at k = 1, {last} at k = {rank}; now k = {k}, keeping {energy}.",
    },
    "rec.sigma.alt": {
        "zh": "{n} 个奇异值按从大到小排成柱：保留前 {k} 个，舍去其余 {dropped} 个。",
        "en": "The {n} singular values as bars, largest first: the first {k} kept, the other {dropped} dropped.",
    },
    "rec.sigma.alt.all": {
        "zh": "{n} 个奇异值按从大到小排成柱：全部保留。",
        "en": "The {n} singular values as bars, largest first: all kept.",
    },
    "rec.sigma.title": {
        "zh": "奇异值（淡去、画斜线的是舍去的）",
        "en": "Singular values (the faded, hatched ones are dropped)",
    },
    "rec.layers.header": {
        "zh": "Sₖ 是一层层秩 1 矩阵 σᵢuᵢvᵢᵀ 叠起来的",
        "en": "Sₖ is a stack of rank-1 layers σᵢuᵢvᵢᵀ",
    },
    "rec.layers.caption": {
        "zh": "每一层都是一列 u 乘一行 vᵀ 再乘 σ：只要 m + n + 1 个数。把前 k 层加起来就是上面的 Sₖ。",
        "en": "Each layer is a column u times a row vᵀ times σ: only m + n + 1 numbers. Adding the first k layers gives Sₖ above.",
    },
    "rec.layers.more": {
        "zh": "这里只画出前 {shown} 层，另外 {more} 层也加进了 Sₖ。",
        "en": "Only the first {shown} layers are drawn; the other {more} are in Sₖ too.",
    },
    "rec.layer.title": {
        "zh": "第 {i} 层（σ{sub} = {sigma}）",
        "en": "Layer {i} (σ{sub} = {sigma})",
    },
    "rec.beat.header": {"zh": "来挑战：你能赢过 SVD 吗？", "en": "Try to beat it"},
    "rec.beat.text": {
        "zh": "换一种办法造一个秩不超过 k 的矩阵 G，看它离 S 有多远。",
        "en": "Build another matrix G of rank at most k in a different way and see how far it is from S.",
    },
    "rec.beat.strategy": {"zh": "你的办法", "en": "Your way"},
    "rec.beat.column_span": {
        "zh": "保留前 k 列，其余各列用它们做最小二乘拟合（笔记的“前几列就够了”，尽量做好）",
        "en": "Keep the first k columns and fit every other column by least squares from them (the note's “the first columns suffice”, done as well as possible)",
    },
    "rec.beat.kept_columns": {
        "zh": "保留前 k 列，其余各列全部置 0",
        "en": "Keep the first k columns, set the rest to 0",
    },
    "rec.beat.random": {
        "zh": "随机秩 k：用 k 个随机的列组合张成的空间去拟合每一列",
        "en": "Random rank k: fit every column in the span of k random mixtures of the columns",
    },
    "rec.beat.new_random": {"zh": "换一个随机猜测", "en": "New random guess"},
    "rec.beat.guess_title": {"zh": "你的 G（秩 {rank}）", "en": "Your G (rank {rank})"},
    "rec.beat.guess_metric": {"zh": "你的误差 $\\|S - G\\|_F$", "en": "Your error $\\|S - G\\|_F$"},
    "rec.beat.svd_metric": {
        "zh": "SVD 的误差 $\\|S - S_k\\|_F$",
        "en": "The SVD's error $\\|S - S_k\\|_F$",
    },
    "rec.beat.lost": {
        "zh": "SVD 赢了：你的误差是它的 {ratio} 倍。Eckart–Young 保证没有秩 k 矩阵能赢它。",
        "en": "The SVD wins: your error is {ratio} times its error. Eckart–Young guarantees no rank-k matrix can beat it.",
    },
    "rec.beat.lost_exact": {
        "zh": "SVD 赢了：它在秩 {k} 已经完全重建了 S（误差 0），而你的误差是 {guess}。",
        "en": "The SVD wins: at rank {k} it already rebuilds S exactly (error 0), while yours is {guess}.",
    },
    "rec.beat.tie": {
        "zh": "打平了：你的 G 和 Sₖ 一样好。这不算赢——Eckart–Young 说打平已经是最好的结果（你选的 k 个方向恰好张成了一个最优的子空间）。",
        "en": "A tie: your G is as good as Sₖ. Not a win — Eckart–Young says a tie is the best anyone can do (your k directions happen to span a best possible subspace).",
    },
    "rec.note.says": {
        "zh": "“计算前后的矩阵行列式的值（通过特征值平方相加）”",
        "en": "“Compute the value of the matrix's determinant before and after (by adding up the squared eigenvalues).” (translated)",
    },
    "rec.note.precise": {
        "zh": "把奇异值的平方加起来，得到的是 F 范数的平方 ‖S‖²_F = Σᵢⱼ sᵢⱼ² = Σ σᵢ²，不是行列式。“前后对比”其实是保留的能量比例 (σ₁² + … + σₖ²) / (σ₁² + σ₂² + …)。行列式只对方阵有定义，而且 |det S| = Π σᵢ（乘积，不是平方和）。",
        "en": "Adding up squared singular values gives the squared Frobenius norm ‖S‖²_F = Σᵢⱼ sᵢⱼ² = Σ σᵢ², not the determinant. The “before and after” comparison is the share of energy kept, (σ₁² + … + σₖ²) / (σ₁² + σ₂² + …). A determinant exists only for a square S, and |det S| = Π σᵢ (a product, not a sum of squares).",
    },
    "rec.note.before": {
        "zh": "之前：Σᵢⱼ sᵢⱼ² = {entries}，Σ σᵢ² = {sigma}（相等）。",
        "en": "Before: Σᵢⱼ sᵢⱼ² = {entries} and Σ σᵢ² = {sigma} (equal).",
    },
    "rec.note.after": {
        "zh": "之后（k = {k}）：Sₖ 各项平方和 = {entries}，σ₁² + … + σₖ² = {sigma}（相等）。",
        "en": "After (k = {k}): the sum of squared entries of Sₖ = {entries} and σ₁² + … + σₖ² = {sigma} (equal).",
    },
    "rec.note.kept": {
        "zh": "保留的比例：{kept}。",
        "en": "Share kept: {kept}.",
    },
    "rec.note.det": {
        "zh": "行列式：det S = {det}，Π σᵢ = {product} = |det S|；而 Σ σᵢ² = {sigma}，完全是另一个数。",
        "en": "Determinant: det S = {det} and Π σᵢ = {product} = |det S|, while Σ σᵢ² = {sigma} is a different number altogether.",
    },
    "rec.note.no_det": {
        "zh": "S 是 {m}×{n}，不是方阵，根本没有行列式；平方和 Σ σᵢ² 照样可以算。",
        "en": "S is {m}×{n}, not square, so it has no determinant at all; the sum Σ σᵢ² is still defined.",
    },
    "rec.slide.title": {
        "zh": "秩 {k} 近似：保留 {kept} 的能量",
        "en": "Rank-{k} approximation: {kept} of the energy kept",
    },
    "rec.slide.footer": {
        "zh": "$\\|S - S_k\\|_F$ = {frobenius}，$\\|S - S_k\\|_2 = \\sigma_{{k+1}}$ = {spectral}，存储 {stored} / {full} 个数",
        "en": "$\\|S - S_k\\|_F$ = {frobenius},  $\\|S - S_k\\|_2 = \\sigma_{{k+1}}$ = {spectral},  storage {stored} / {full} numbers",
    },
    "rec.quiz.spectral.q": {
        "zh": "‖S − Sₖ‖₂（2 范数误差）等于什么？",
        "en": "What does ‖S − Sₖ‖₂ (the spectral-norm error) equal?",
    },
    "rec.quiz.spectral.a": {"zh": "σₖ₊₁", "en": "σₖ₊₁"},
    "rec.quiz.spectral.b": {"zh": "σₖ", "en": "σₖ"},
    "rec.quiz.spectral.c": {"zh": "σₖ₊₁ + σₖ₊₂ + …", "en": "σₖ₊₁ + σₖ₊₂ + …"},
    "rec.quiz.spectral.why": {
        "zh": "S − Sₖ = σₖ₊₁uₖ₊₁vₖ₊₁ᵀ + σₖ₊₂uₖ₊₂vₖ₊₂ᵀ + …，它最大的奇异值就是 σₖ₊₁。",
        "en": "S − Sₖ = σₖ₊₁uₖ₊₁vₖ₊₁ᵀ + σₖ₊₂uₖ₊₂vₖ₊₂ᵀ + …, whose largest singular value is σₖ₊₁.",
    },
    "rec.quiz.energy.q": {
        "zh": "笔记里“计算前后的值”比较的其实是什么？",
        "en": "What does the note's “value before and after” really compare?",
    },
    "rec.quiz.energy.a": {
        "zh": "保留的能量 (σ₁² + … + σₖ²) / (σ₁² + σ₂² + …)（F 范数的平方）",
        "en": "The energy kept, (σ₁² + … + σₖ²) / (σ₁² + σ₂² + …) (squared Frobenius norms)",
    },
    "rec.quiz.energy.b": {"zh": "行列式 det Sₖ / det S", "en": "The determinants det Sₖ / det S"},
    "rec.quiz.energy.c": {"zh": "特征值之和", "en": "The sum of the eigenvalues"},
    "rec.quiz.energy.why": {
        "zh": "平方和 Σ σᵢ² = ‖S‖²_F。行列式是乘积 |det S| = Π σᵢ；秩 k < n 的方阵 Sₖ 行列式为 0，比较它没有意义。",
        "en": "The sum Σ σᵢ² = ‖S‖²_F. The determinant is a product, |det S| = Π σᵢ; a square Sₖ of rank k < n has determinant 0, so comparing it tells nothing.",
    },
    "rec.quiz.storage.q": {
        "zh": "一个 m×n 矩阵的秩 k 近似要存多少个数？",
        "en": "How many numbers does a rank-k approximation of an m×n matrix store?",
    },
    "rec.quiz.storage.a": {"zh": "k(m + n + 1)", "en": "k(m + n + 1)"},
    "rec.quiz.storage.b": {"zh": "k·m·n", "en": "k·m·n"},
    "rec.quiz.storage.c": {"zh": "m·n / k", "en": "m·n / k"},
    "rec.quiz.storage.why": {
        "zh": "k 列 u（各 m 个数）、k 行 vᵀ（各 n 个数）和 k 个 σ。k 小的时候比 m·n 少得多。",
        "en": "k columns u (m numbers each), k rows vᵀ (n numbers each) and k values σ. For small k that is far less than m·n.",
    },
}
