"""The package's shape, as README's Layout draws it: stages import only the stages before them,
and no function is too long to read in one screen."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "hooks" / "cchc"
# Each stage may import those before it; site.py, commands/ and adapter/ run them all.
STAGES = ["text", "config", "readers", "model", "outputs", "pages"]
LONGEST = 50  # lines of one function, decorators and docstring included


def _modules():
    return sorted(PACKAGE.rglob("*.py"))


def _imported_stages(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 2 and node.module:  # from ..stage.module import …
                found.add(node.module.split(".")[0])
            elif node.level == 0 and node.module and node.module.startswith("cchc."):
                found.add(node.module.split(".")[1])
    return found


def test_a_stage_imports_only_the_stages_before_it():
    wrong = []
    for stage in STAGES:
        allowed = set(STAGES[: STAGES.index(stage)])
        for path in sorted((PACKAGE / stage).glob("*.py")):
            for other in _imported_stages(path) - allowed - {stage}:
                wrong.append(f"{path.relative_to(PACKAGE)} imports {other}/")
    assert not wrong, wrong


def test_every_stage_is_a_folder_of_the_package():
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert folders == {*STAGES, "commands", "adapter"}


def test_no_function_is_longer_than_fifty_lines():
    long = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                if node.end_lineno - start + 1 > LONGEST:
                    long.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name}")
    assert not long, long


VIETNAMESE = set("àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ")
_REPORTS = {"error", "warning", "note"}  # problems.error(…): messages to editors, kept beside their check


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _messages(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _REPORTS:
            found |= {id(n) for n in ast.walk(node) if isinstance(n, ast.Constant)}
    return found


def test_pages_and_model_say_nothing_of_their_own():
    # What a citizen reads on a page comes from text/ui.py (one place to reword it).
    said = []
    for stage in ("model", "pages"):
        for path in sorted((PACKAGE / stage).glob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            skip = _docstrings(tree) | _messages(tree)
            for node in ast.walk(tree):
                text = node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else ""
                if id(node) not in skip and VIETNAMESE & set(text.lower()):
                    said.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {text[:40]!r}")
    assert not said, said
