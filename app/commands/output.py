"""How commands print: UTF-8 JSON (Chinese kept readable) or plain lines."""

import json


def print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
