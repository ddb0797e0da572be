"""The extension module built from crates/newsmark-py (Rust): use the
wrappers in ``newsmark``, which take dates and labels in more shapes and give
dicts."""

from typing import List, Optional, Tuple, Union

__version__: str

class NewsmarkError(ValueError):
    """An error of newsmark's core; ``str(e)`` is its message."""

    kind: str

class Adapter:
    """What a project taught the suggestions (a ``.nml`` learning file)."""

    @staticmethod
    def from_bytes(bytes: bytes) -> "Adapter": ...
    @property
    def documents(self) -> int: ...
    @property
    def suggests(self) -> List[str]: ...
    def to_bytes(self) -> bytes: ...

def learn_files(
    files: List[Tuple[str, bytes]],
    labels: Optional[List[str]] = None,
    adapt: Optional[Adapter] = None,
) -> Tuple[Adapter, List[str], List[str]]: ...

def annotate_json(
    text: str,
    date: Optional[str] = None,
    labels: Optional[List[str]] = None,
    id: Optional[str] = None,
    adapt: Optional[Adapter] = None,
) -> str: ...
def annotate_many_json(
    texts: List[str],
    date: Optional[str] = None,
    labels: Optional[List[str]] = None,
    threads: Optional[int] = None,
    ids: Optional[List[Optional[str]]] = None,
    dates: Optional[List[Optional[str]]] = None,
    adapt: Optional[Adapter] = None,
) -> List[str]: ...
def export_files(
    jsonl: str,
    format: str,
    offset_unit: Optional[str] = None,
    scheme: Optional[str] = None,
    bom: bool = False,
    formula_guard: bool = False,
    own_labels: bool = False,
) -> List[Tuple[str, Union[str, bytes]]]: ...
def load_files(
    paths: List[str],
    format: Optional[str] = None,
    offset_unit: Optional[str] = None,
    scheme: Optional[str] = None,
    label_map: Optional[dict[str, str]] = None,
    lenient: bool = False,
    tag_names: Optional[List[str]] = None,
    own_labels: bool = False,
) -> Tuple[List[str], List[Tuple[str, List[str]]]]: ...
def formats() -> Tuple[List[str], List[str]]: ...
