"""Texts of the photograph page (/image) and of the image upload errors."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- upload errors (lowrank.image_source.load_upload) ----------------------------------------
    "error.image.empty": {
        "zh": "上传的文件是空的（0 字节）。",
        "en": "The uploaded file is empty (0 bytes).",
    },
    "error.image.file_too_big": {
        "zh": "文件太大：{size_mb} MB，上限是 {max_mb} MB。",
        "en": "The file is too large: {size_mb} MB; the limit is {max_mb} MB.",
    },
    "error.image.not_image": {
        "zh": "这个文件不是图片（或已损坏，无法识别）。请上传 PNG、JPEG、WebP 或 GIF。",
        "en": "This file is not an image (or is too damaged to recognise). "
        "Upload a PNG, JPEG, WebP or GIF.",
    },
    "error.image.format": {
        "zh": "这是 {format} 格式的图片，本页只接受 {formats}。请先另存为 PNG 或 JPEG。",
        "en": "This image is in {format} format; this page accepts {formats} only. "
        "Save it as PNG or JPEG first.",
    },
    "error.image.too_many_pixels": {
        "zh": "图片的像素太多（上限 {max_megapixels} 百万像素）。为了保护服务器，解码之前就拒绝了它。",
        "en": "The image has too many pixels (the limit is {max_megapixels} million). It was "
        "refused before decoding, to protect the server.",
    },
    "error.image.truncated": {
        "zh": "图片文件不完整（被截断了），无法读出全部像素。",
        "en": "The image file is incomplete (truncated): not all of its pixels can be read.",
    },
    "error.image.unreadable": {
        "zh": "图片文件已损坏，无法解码。",
        "en": "The image file is damaged and cannot be decoded.",
    },
    "error.image.too_small": {
        "zh": "图片太窄了：缩放后是 {width}×{height} 像素，每条边至少要 {min_side} 像素。",
        "en": "The image is too narrow: {width}×{height} pixels at working size; each side needs "
        "at least {min_side} pixels.",
    },
    # --- the question and the picture choice -----------------------------------------------------
    "image.question": {
        "zh": "**一张照片最少要用多少个数来描述？** 每个颜色通道都是一个矩阵：拖动秩 k，"
        "每个通道只保留最大的 k 个奇异值，看照片如何从一团模糊变回原样。",
        "en": "**How few numbers does a photograph need?** Each colour channel is a matrix: drag "
        "the rank k to keep only its k largest singular values, and watch the picture sharpen "
        "from a blur back to the original.",
    },
    "image.source": {"zh": "图片", "en": "Picture"},
    "image.source.photo": {"zh": "照片", "en": "Photograph"},
    "image.source.stripes": {"zh": "条纹", "en": "Stripes"},
    "image.source.circles": {"zh": "圆环", "en": "Rings"},
    "image.source.noise": {"zh": "噪声", "en": "Noise"},
    "image.source.upload": {"zh": "我上传的", "en": "My upload"},
    "image.mode": {"zh": "颜色", "en": "Mode"},
    "image.mode.colour": {"zh": "彩色", "en": "Colour"},
    "image.mode.grey": {"zh": "灰度", "en": "Grey"},
    "image.mode_help": {
        "zh": "彩色：红、绿、蓝三个通道各是一个矩阵，各做一次 SVD。灰度：只有一个矩阵。",
        "en": "Colour: red, green and blue are three matrices, one SVD each. Grey: one matrix.",
    },
    "image.upload": {"zh": "上传自己的图片", "en": "Upload your own picture"},
    "image.upload_help": {
        "zh": "PNG、JPEG、WebP 或 GIF（取第一帧），最大 {max_mb} MB、{max_megapixels} 百万像素。"
        "长边超过 {side} 像素的图片会先缩小。图片只在这台服务器的内存里处理，不会保存。",
        "en": "PNG, JPEG, WebP or GIF (first frame), up to {max_mb} MB and {max_megapixels} million "
        "pixels. Pictures longer than {side} pixels are reduced first. The picture is processed in "
        "this server's memory only and never saved.",
    },
    "image.upload_missing": {
        "zh": "这个链接指向一张上传的图片，但上传的文件只留在上传它的那个浏览器里，无法通过链接分享。"
        "请自己上传一张，或选一张内置图片。现在先显示内置照片。",
        "en": "This link points to an uploaded picture, but an upload stays with the browser that "
        "sent it and cannot travel in a link. Upload one yourself or pick a built-in picture; "
        "the built-in photograph is shown meanwhile.",
    },
    "image.computing": {
        "zh": "正在对每个通道做奇异值分解…",
        "en": "Computing the SVD of each channel…",
    },
    "image.working_size": {
        "zh": "计算尺寸：{width}×{height} 像素（长边最多 {side} 像素）。",
        "en": "Working size: {width}×{height} pixels (longest side at most {side}).",
    },
    "image.reduced_from": {
        "zh": "原图是 {width}×{height}，已按比例缩小。",
        "en": "The file was {width}×{height} and has been reduced, keeping its proportions.",
    },
    "image.first_frame": {
        "zh": "这是一个 {frames} 帧的动画，只用了第一帧。",
        "en": "It is an animation of {frames} frames; the first frame is used.",
    },
    # --- the rank control ------------------------------------------------------------------------
    "image.pick": {"zh": "怎样选 k", "en": "Choose k by"},
    "image.pick.rank": {"zh": "秩 k", "en": "rank k"},
    "image.pick.energy": {"zh": "自动（按能量）", "en": "auto (energy)"},
    "image.k": {"zh": "秩 k（1 … {top}）", "en": "Rank k (1 … {top})"},
    "image.energy_target": {
        "zh": "要保留的能量 Σᵢ≤ₖ σᵢ² / Σ σᵢ²",
        "en": "Energy to keep, Σᵢ≤ₖ σᵢ² / Σ σᵢ²",
    },
    "image.auto_k": {
        "zh": "要保留至少 **{target}%** 的能量，最小的秩是 **k = {k}**。",
        "en": "The smallest rank that keeps at least **{target}%** of the energy is **k = {k}**.",
    },
    # --- pictures --------------------------------------------------------------------------------
    "image.show_error": {"zh": "显示误差图", "en": "Show the error"},
    "image.original": {"zh": "原图", "en": "Original"},
    # --- text alternatives of the pictures (lowrank/views/alt_texts.py) --------------------------------
    "image.alt.colour": {"zh": "彩色", "en": "in colour"},
    "image.alt.grey": {"zh": "灰度", "en": "in grey"},
    "image.alt.original": {
        "zh": "原图：{m}×{n} 像素，{colour}。",
        "en": "The original picture: {m}×{n} pixels, {colour}.",
    },
    "image.alt.rank_k": {
        "zh": "秩 {k} 的重建（只用最大的 {k} 个奇异值）：存原来 {share} 的数，保留 {energy} 的能量。",
        "en": "The picture rebuilt at rank {k}, from its largest singular values: {share} of the "
        "numbers, {energy} of the energy.",
    },
    "image.alt.error": {
        "zh": "原图与秩 {k} 近似之差的绝对值，放大 {gain} 倍：黑色表示没有误差，越亮误差越大。"
        "PSNR 为 {psnr} dB。",
        "en": "The difference between the original and the rank-{k} picture, amplified {gain} "
        "times: black means no error, brighter means more. PSNR {psnr} dB.",
    },
    "image.alt.sep": {"zh": "；", "en": "; "},
    "image.alt.spectrum_range": {
        "zh": "{channel}从 σ₁ = {first} 降到 σ{n} = {last}",
        "en": "{channel} from σ₁ = {first} down to σ{n} = {last}",
    },
    "image.alt.spectrum": {
        "zh": "折线图：每个通道的 {count} 个奇异值 σᵢ，纵轴为对数刻度。{ranges}。竖线标出所选的秩 k。",
        "en": "Line chart of the {count} singular values σᵢ of each channel on a log axis: "
        "{ranges}. A vertical line marks the chosen rank k.",
    },
    "image.alt.energy": {
        "zh": "折线图：保留的能量随 k 增加（k 轴为对数刻度）。整张图在 k = {k90} 时达到 90%，"
        "k = {k99} 时达到 99%，k = {n} 时为 100%。竖线标出所选的秩 k。",
        "en": "Line chart of the energy kept as k grows (log axis of k): the whole picture "
        "reaches 90% at k = {k90}, 99% at k = {k99} and 100% at k = {n}. A vertical line marks "
        "the chosen rank k.",
    },
    "image.alt.lead": {"zh": "{chart}", "en": "{chart} "},
    "image.alt.spectrum_at": {
        "zh": "现在 k = {k}：保留每个通道的前 {k} 个，舍去其余 {dropped} 个。",
        "en": "Now k = {k}: the first {k} of each channel are kept, the other {dropped} dropped.",
    },
    "image.alt.spectrum_all": {
        "zh": "现在 k = {k}：全部保留。",
        "en": "Now k = {k}: all of them are kept.",
    },
    "image.alt.energy_at": {
        "zh": "现在 k = {k}，整张图保留 {energy} 的能量。",
        "en": "Now k = {k}: the whole picture keeps {energy} of the energy.",
    },
    "image.alt.layer": {
        "zh": "第 {i} 层 σ{sub}u{sub}v{sub}ᵀ，σ{sub} = {sigma}：中灰为 0，更亮为正，更暗为负。",
        "en": "Layer {i}, σ{sub}u{sub}v{sub}ᵀ, with σ{sub} = {sigma}: mid-grey is 0, lighter "
        "is positive, darker is negative.",
    },
    "image.rank_k": {"zh": "秩 k = {k} 的近似", "en": "Rank k = {k} approximation"},
    "image.error_caption": {
        "zh": "|原图 − 秩 {k} 近似| × {gain}（越黑误差越小）",
        "en": "|original − rank {k}| × {gain} (black means no error)",
    },
    # --- numbers ---------------------------------------------------------------------------------
    "image.metric.k": {"zh": "秩 k", "en": "Rank k"},
    "image.metric.energy": {"zh": "保留的能量", "en": "Energy kept"},
    "image.metric.psnr": {"zh": "PSNR", "en": "PSNR"},
    "image.psnr_inf": {"zh": "∞", "en": "∞"},
    "image.psnr_help": {
        "zh": "峰值信噪比 PSNR = 10·log₁₀(255² / 均方误差)，均方误差是秩 k 近似 Sₖ 与原图在每个通道、"
        "每个像素值上的平均平方误差（0…255 的尺度）。它直接由奇异值算出：均方误差 = 各通道的 Σᵢ>ₖ σᵢ² "
        "之和 ÷ 像素值的个数，是 Sₖ 取整成整数灰度显示之前的误差。对内置照片，在每个省空间的 k 上，"
        "这一取整让 PSNR 变化不到 0.2 dB。越大越好：30 dB 以上往往就很难看出区别；∞ 表示 Sₖ 就是原图。",
        "en": "PSNR = 10·log₁₀(255² / MSE), where MSE is the mean squared error of the rank-k "
        "approximation Sₖ against the original over every pixel value of every channel, on the "
        "0…255 scale. It comes straight from the singular values: MSE = the sum over channels of "
        "Σᵢ>ₖ σᵢ², divided by the number of pixel values; that is the error of Sₖ before it is "
        "rounded to whole levels for the screen. On the built-in photograph, that rounding moves "
        "the PSNR by less than 0.2 dB at every k that saves space. Higher is better; above about "
        "30 dB differences are often hard to see; ∞ means Sₖ is the picture itself.",
    },
    "image.metric.stored": {"zh": "存储 / 像素", "en": "Stored / pixels"},
    "image.stored_help": {
        "zh": "要存的数占原图像素值的比例。秩 k 的近似每个通道存 k 列 U、k 行 Vᵀ 和 k 个 σ："
        "k(m + n + 1) 个数（m 是高，n 是宽）。",
        "en": "Numbers stored as a share of the pixel values. A rank-k approximation stores, per "
        "channel, k columns of U, k rows of Vᵀ and k σ's: k(m + n + 1) numbers (m is the height, "
        "n the width).",
    },
    "image.storage": {
        "zh": "要存的数：3 × k(m + n + 1) = 3 × **{k}** × ({m} + {n} + 1) = **{stored}**，"
        "原图的像素值：3 × m × n = 3 × {m} × {n} = **{original}**，占 **{ratio}**。",
        "en": "Numbers stored: 3 × k(m + n + 1) = 3 × **{k}** × ({m} + {n} + 1) = **{stored}**, "
        "against 3 × m × n = 3 × {m} × {n} = **{original}** pixel values: **{ratio}**.",
    },
    "image.storage_grey": {
        "zh": "要存的数：k(m + n + 1) = **{k}** × ({m} + {n} + 1) = **{stored}**，"
        "原图的像素值：m × n = {m} × {n} = **{original}**，占 **{ratio}**。",
        "en": "Numbers stored: k(m + n + 1) = **{k}** × ({m} + {n} + 1) = **{stored}**, "
        "against m × n = {m} × {n} = **{original}** pixel values: **{ratio}**.",
    },
    "image.break_even": {
        "zh": "从 k = {k} 起，三个因子要存的数就比像素本身还多了。",
        "en": "From k = {k} on, the factors would take more numbers than the pixels themselves.",
    },
    "image.no_saving": {
        "zh": "在这个秩上，因子要存的数已经比像素还多：从 k = {k} 起，低秩近似不再省空间。",
        "en": "At this rank the factors take more numbers than the pixels: from k = {k} on, a "
        "low-rank version saves nothing.",
    },
    "image.k_for": {
        "zh": "保留 {share}% 能量需要 **k = {k}**",
        "en": "**k = {k}** keeps {share}% of the energy",
    },
    "image.per_channel": {
        "zh": "（各通道 90%/99%：{detail}）",
        "en": "(per channel, 90%/99%: {detail})",
    },
    "image.channel_energy": {
        "zh": "各通道保留的能量：{detail}",
        "en": "Energy kept per channel: {detail}",
    },
    "image.energy_vs_eye": {
        "zh": "能量按像素值的平方计算，大部分落在整体亮度上（第 1 层），所以很小的 k 就能保留 90%，"
        "而照片看上去仍然模糊。细节的能量不多，眼睛却很在意：请同时看 PSNR 和图片本身。",
        "en": "Energy counts squared pixel values, and most of it sits in the overall brightness "
        "(layer 1), so a small k already keeps 90% while the photograph still looks blurred. "
        "Details carry little energy but matter to the eye: read the PSNR and look at the picture.",
    },
    # --- charts ----------------------------------------------------------------------------------
    "image.channel.R": {"zh": "红 R", "en": "red R"},
    "image.channel.G": {"zh": "绿 G", "en": "green G"},
    "image.channel.B": {"zh": "蓝 B", "en": "blue B"},
    "image.channel.all": {"zh": "整张图", "en": "whole picture"},
    "image.channel.grey": {"zh": "灰度", "en": "grey"},
    "image.spectrum_title": {
        "zh": "奇异值 σᵢ（对数坐标）",
        "en": "Singular values σᵢ (log scale)",
    },
    "image.energy_title": {
        "zh": "前 k 个奇异值保留的能量",
        "en": "Energy kept by the first k singular values",
    },
    "image.hover.sigma": {"zh": "{name}：σ{sub} = {value}", "en": "{name}: σ{sub} = {value}"},
    "image.hover.curve": {"zh": "{name}，", "en": "{name}, "},
    "image.energy_axis": {"zh": "保留的能量", "en": "energy kept"},
    "image.log_scale": {"zh": "对数坐标", "en": "log scale"},
    # --- layers ----------------------------------------------------------------------------------
    "image.layers_title": {"zh": "一层一层叠起来", "en": "Built up layer by layer"},
    "image.layers_intro": {
        "zh": "秩 k 的近似就是前 k 个秩 1 层之和：Sₖ = σ₁u₁v₁ᵀ + σ₂u₂v₂ᵀ + … + σₖuₖvₖᵀ。"
        "每一层都是一列乘一行，所以只能画出“横竖条纹”式的图案。",
        "en": "The rank-k approximation is the sum of the first k rank-1 layers: "
        "Sₖ = σ₁u₁v₁ᵀ + σ₂u₂v₂ᵀ + … + σₖuₖvₖᵀ. Each layer is a column times a row, so on its own it "
        "can only draw a pattern of horizontal and vertical bands.",
    },
    "image.layer": {"zh": "第 {i} 层 σ{sub}u{sub}v{sub}ᵀ", "en": "Layer {i}: σ{sub}u{sub}v{sub}ᵀ"},
    "image.layers_scale": {
        "zh": "层里有正有负：中灰表示 0，更亮为正，更暗为负；每层按自己的最大绝对值缩放。",
        "en": "Layers have positive and negative entries: mid-grey is 0, lighter is positive, "
        "darker is negative; each layer is scaled to its own largest magnitude.",
    },
    # --- downloads -------------------------------------------------------------------------------
    "image.download_png": {
        "zh": "下载秩 {k} 的图片（PNG）",
        "en": "Download the rank-{k} picture (PNG)",
    },
    "image.download_csv": {"zh": "下载奇异值和能量（CSV）", "en": "Download the spectrum (CSV)"},
    "image.png_not_smaller": {
        "zh": "为什么下载的 PNG 并不更小？“要存的数”指的是 U、Σ、Vᵀ 里的数，"
        "而 PNG 文件存的是像素：不管 k 多小，它仍然是 m × n 个像素、每个通道一个字节。"
        "要真正省空间，得保存因子本身——而且因子是实数（float32 每个 4 字节），"
        "所以省下的字节比省下的“个数”要少。",
        "en": 'Why is the downloaded PNG not smaller? "Numbers stored" counts the entries of U, Σ '
        "and Vᵀ, but a PNG file stores pixels: whatever k is, it still holds m × n pixels, one "
        "byte per channel. To save space you would store the factors themselves, and they are "
        "real numbers (4 bytes each as float32), so the bytes saved are fewer than the numbers "
        "saved.",
    },
    "image.compare_sizes": {
        "zh": "比较 PNG 文件的实际大小（稍慢）",
        "en": "Compare the real PNG file sizes (a little slower)",
    },
    "image.sizes": {
        "zh": "秩 {k} 近似的 PNG：**{approx_kb} KB**；原图的 PNG：**{original_kb} KB**。"
        "可是描述这个近似只需要原图 {ratio} 的数。",
        "en": "PNG of the rank-{k} approximation: **{approx_kb} KB**; PNG of the original: "
        "**{original_kb} KB**, although the approximation is described by {ratio} of the numbers.",
    },
    # --- in the note -----------------------------------------------------------------------------
    "image.note": {
        "zh": "选取最大的特征值（信息量最多）重构……计算前后的矩阵行列式的值（通过特征值平方相加）",
        "en": "“Keep the largest eigenvalues (they carry the most information) and reconstruct… "
        "compare the matrix's determinant before and after (by adding the squared eigenvalues).” "
        "(translated from the Chinese note)",
    },
    "image.precise": {
        "zh": "保留的是最大的**奇异值**，不是特征值：一个颜色通道是 m×n 的矩阵，照片不是正方形时它根本没有特征值；"
        "即使是正方形，它的特征值一般也不等于奇异值（可以是负数或复数）。"
        "奇异值的平方和是 Frobenius 范数的平方 ‖S‖² = Σᵢⱼ sᵢⱼ² = Σ σᵢ²（“能量”），不是行列式。"
        "比较前后，看的是保留的能量 Σᵢ≤ₖ σᵢ² / Σ σᵢ²；而 Eckart–Young 定理说明，"
        "这样截断得到的 Sₖ 是所有秩 k 矩阵里离原图最近的。",
        "en": "What is kept are the largest **singular values**, not eigenvalues: a colour channel "
        "is an m×n matrix, which has no eigenvalues at all unless the picture is square, and even "
        "then its eigenvalues are generally not its singular values (they can be negative or "
        "complex). The sum of their squares is the "
        'squared Frobenius norm ‖S‖² = Σᵢⱼ sᵢⱼ² = Σ σᵢ² (the "energy"), not a determinant. '
        "Before vs after is the energy kept, Σᵢ≤ₖ σᵢ² / Σ σᵢ²; and by the Eckart–Young theorem the "
        "truncated Sₖ is the closest rank-k matrix to the picture.",
    },
    "image.note_live": {
        "zh": "这张图现在：k = {k}，保留的能量 {energy}。",
        "en": "This picture right now: k = {k} keeps {energy} of the energy.",
    },
    # --- self-check ------------------------------------------------------------------------------
    "image.q1.q": {
        "zh": "条纹图和噪声图，哪一张要更大的 k 才能保留 99% 的能量？",
        "en": "Which needs a larger k to keep 99% of its energy: the stripes or the noise?",
    },
    "image.q1.stripes": {"zh": "条纹", "en": "The stripes"},
    "image.q1.noise": {"zh": "噪声", "en": "The noise"},
    "image.q1.same": {"zh": "一样，尺寸相同", "en": "The same: they have the same size"},
    "image.q1.why": {
        "zh": "条纹图只由几种行和几种列组合而成，几个秩 1 层就够了；噪声没有任何规律："
        "除了第 1 层的平均亮度，其余的能量分散在所有其他方向上，所以要保留 99%，k 要很大。切换两张图，看看“保留 99% 能量需要的 k”。",
        "en": "The stripes combine a few kinds of rows and columns, so a few rank-1 layers rebuild "
        "them; noise has no pattern: apart from its average brightness (the first layer), its energy "
        "is spread over all the other directions, so keeping 99% takes a large k. "
        'Switch between the two and read "k keeps 99% of the energy".',
    },
    "image.q2.q": {
        "zh": "照片在很小的 k 就保留了 90% 的能量，看上去却还很模糊。为什么？",
        "en": "The photograph keeps 90% of its energy at a small k, yet still looks blurred. Why?",
    },
    "image.q2.brightness": {
        "zh": "大部分能量在整体亮度上，细节的能量少，但眼睛对细节很敏感",
        "en": "Most energy is the overall brightness; details carry little energy but the eye "
        "notices them",
    },
    "image.q2.wrong": {
        "zh": "能量算错了",
        "en": "The energy is computed wrongly",
    },
    "image.q2.screen": {
        "zh": "屏幕显示不了低秩图片",
        "en": "Screens cannot show low-rank pictures",
    },
    "image.q2.why": {
        "zh": "能量是像素值平方的总和，亮度的平均值占了绝大部分。所以还要看 99% 需要的 k、PSNR 和图片本身。",
        "en": "Energy is the sum of squared pixel values, dominated by the average brightness. So "
        "also read the k for 99%, the PSNR, and the picture itself.",
    },
    "image.q3.q": {
        "zh": "秩 20 的近似只需要原图几个百分点的数，可它的 PNG 文件并没有小多少。为什么？",
        "en": "A rank-20 approximation needs a few percent of the numbers, yet its PNG is hardly "
        "smaller. Why?",
    },
    "image.q3.pixels": {
        "zh": "PNG 存的是像素而不是 U、Σ、Vᵀ，像素个数没变",
        "en": "A PNG stores pixels, not U, Σ and Vᵀ, and the pixel count has not changed",
    },
    "image.q3.lossy": {"zh": "PNG 是有损压缩", "en": "PNG compression is lossy"},
    "image.q3.bug": {"zh": "SVD 没起作用", "en": "The SVD did not work"},
    "image.q3.why": {
        "zh": "“要存的数”和“文件字节数”是两回事：想省空间，就要保存因子本身，而不是重建出来的像素。",
        "en": "Numbers stored are not file bytes: to save space you keep the factors, not the "
        "pixels rebuilt from them.",
    },
}
