"""Texts of presentation mode (lowrank/ui/present.py): the sidebar's switch and the page's bar."""

MESSAGES: dict[str, dict[str, str]] = {
    "present.enter": {"zh": "放映模式", "en": "Presentation mode"},
    "present.enter.help": {
        "zh": "给投影仪用：字更大，隐藏侧栏；按 [ 和 ] 键切换到上一步、下一步。"
        "设置记在链接里（?present=1），可以存成书签。",
        "en": "For a projector: larger type, no sidebar; the keys [ and ] go to the previous and "
        "next step. Kept in the link (?present=1), so you can bookmark it.",
    },
    "present.previous": {"zh": "上一步：{title}", "en": "Previous: {title}"},
    "present.next": {"zh": "下一步：{title}", "en": "Next: {title}"},
    "present.language": {
        "zh": "换成另一种语言，页面设置不变",
        "en": "Show this page in the other language, settings kept",
    },
    "present.exit": {"zh": "退出放映模式", "en": "Exit presentation mode"},
    "present.keys": {"zh": "按键：`[` 上一步 · `]` 下一步", "en": "Keys: `[` previous · `]` next"},
}
