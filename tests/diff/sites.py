"""Small docs sites in real git repositories, written by the tests: a base commit, then edits to diff."""

from __future__ import annotations

import subprocess
from pathlib import Path

PAGE = "---\ntitle: {title}\nversions: {versions}\n{extra}---\n{body}"
ALL = "'*'"
CLOUD = "\n  free-pro-team: '*'"
SERVER = "\n  enterprise-server: '*'"


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def page(title: str, body: str, versions: str = ALL, children: tuple[str, ...] = ()) -> str:
    extra = "children:\n" + "".join(f"  - /{c}\n" for c in children) if children else ""
    return PAGE.format(title=title, versions=versions, extra=extra, body=body)


def git(root: Path, *args: str) -> str:
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_CONFIG_NOSYSTEM": "1",
        "PATH": "/usr/bin:/bin",
    }
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, env=env, check=True)
    return done.stdout


def commit(root: Path, message: str = "edit") -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD").strip()


def make_site(root: Path) -> Path:
    """Kestrel Sync docs: five pages, reusables (one nested in another), variables, a partial translation."""
    write(root, "content/index.md", page("Kestrel Sync", "Welcome.\n", children=("setup", "sharing", "server-admin")))
    write(root, "content/setup/index.md", page("Setting up", "Start here.\n", children=("install", "accounts")))
    write(
        root,
        "content/setup/install.md",
        page(
            "Installing {% data variables.product.name %}",
            "{% data reusables.open-settings %}\n\n"
            "Download the installer.\n\n"
            '{% if currentVersion == "enterprise-server@2.22" %}\n'
            "On 2.22 the installer needs the legacy runtime.\n"
            "{% endif %}\n\n"
            "Run it twice if the first run stops.\n",
        ),
    )
    write(root, "content/setup/accounts.md", page("Accounts", "Create an account with your work email.\n"))
    write(
        root,
        "content/sharing.md",
        page("Sharing folders", "{% data reusables.open-settings %}\n\nPick a folder to share.\n", versions=CLOUD),
    )
    write(
        root,
        "content/server-admin.md",
        page("Administering a server", "{% data reusables.admin-intro %}\n\nRestart the service.\n", SERVER),
    )
    write(
        root,
        "data/reusables/open-settings.md",
        "1. Open **Settings** in {% data variables.product.name %}.\n"
        '{% if currentVersion == "free-pro-team@latest" %}Settings sync across your devices.{% endif %}\n',
    )
    write(root, "data/reusables/admin-intro.md", "As an administrator: {% data reusables.unused-note %}\n")
    write(root, "data/reusables/unused-note.md", "back up first.\n")
    write(root, "data/reusables/orphan.md", "Nothing uses this reusable.\n")
    write(root, "data/variables/product.yml", "name: Kestrel Sync\ncompany: Kestrel Labs\n")
    write(
        root,
        "translations/zh-CN/content/setup/install.md",
        page("安装 {% data variables.product.name %}", "{% data reusables.open-settings %}\n\n下载安装程序。\n"),
    )
    write(root, "translations/zh-CN/content/setup/accounts.md", page("帐户", "使用工作邮箱创建帐户。\n"))
    cn_settings = "1. 打开 {% data variables.product.name %} 的**设置**。\n"
    write(root, "translations/zh-CN/data/reusables/open-settings.md", cn_settings)
    write(root, "README.md", "Kestrel Sync documentation sources.\n")
    git(root, "init", "-q", "-b", "main")
    commit(root, "base")
    return root
