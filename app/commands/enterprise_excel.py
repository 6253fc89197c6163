"""`template|import|export enterprises`: Excel in and out from the command line.

`import` exits 0 when every row was taken, 1 when some rows were rejected (after taking the good ones),
2 when the file itself cannot be read.
"""

from __future__ import annotations

from pathlib import Path

from app.services.enterprises.search import EnterpriseQuery

# The Excel services (openpyxl, python-calamine) are imported inside each command, so that every other
# command starts without them.


def register(sub) -> None:
    tpl = sub.add_parser("template", help="生成导入模板").add_subparsers(dest="kind", required=True)
    t = tpl.add_parser("enterprises", help="企业信息导入模板")
    t.add_argument("out", type=Path)
    t.set_defaults(handler=cmd_template)

    imp = sub.add_parser("import", help="从Excel导入").add_subparsers(dest="kind", required=True)
    i = imp.add_parser("enterprises", help="导入企业信息")
    i.add_argument("file", type=Path)
    i.add_argument("--dry-run", action="store_true", help="只检查，不写入")
    i.add_argument("--errors", type=Path, help="把标注了错误的文件写到这里")
    i.add_argument("--json", action="store_true")
    i.set_defaults(handler=cmd_import)

    exp = sub.add_parser("export", help="导出为Excel").add_subparsers(dest="kind", required=True)
    e = exp.add_parser("enterprises", help="导出企业信息")
    e.add_argument("out", type=Path)
    e.add_argument("--district", help="旗区代码")
    e.add_argument("--archived", action="store_true", help="包括已归档企业")
    e.set_defaults(handler=cmd_export)


def cmd_template(args, actor) -> int:
    from app.services.enterprises import template_xlsx as template

    template.write_template(args.out)
    print(f"已生成模板 {args.out}")
    return 0


def cmd_import(args, actor) -> int:
    from app.commands.import_result import finish_import
    from app.services.enterprises import import_xlsx as enterprise_import

    return finish_import(
        args, lambda: enterprise_import.import_enterprises(actor, args.file, dry_run=args.dry_run)
    )


def cmd_export(args, actor) -> int:
    from app.services.enterprises import export_xlsx as enterprise_export

    query = EnterpriseQuery(district_code=args.district, include_archived=args.archived)
    count = enterprise_export.export_enterprises(actor, args.out, query)
    print(f"已导出 {count} 家企业到 {args.out}")
    return 0
