"""Publish a site: build it, check it, then put it on its host.

One module per kind of target: `rsync` (a folder, or a host over ssh),
`gh_pages` (a git repository's gh-pages branch) and `s3` (a bucket of an
S3-compatible host). `plan` holds the decisions they share (settings, guards,
what changes, the lines for the author) and `headers` what a host says of each
file (Content-Type, Cache-Control). Deciding is done by plain functions on
plain data; the few functions that run rsync, git and boto3 sit below them in
each module, and `publish_content` here puts build, check and transfer in
order. Nothing is changed on the target until every check has passed.
"""

import tempfile
from dataclasses import dataclass
from pathlib import Path

from workflow.build import BuildError, build_site, check_folders, read_site_settings
from workflow.check import check_site

from .gh_pages import (
    GIT_BRANCH,
    HEADERS_FILE,
    NOJEKYLL,
    git_author,
    git_blob_id,
    git_publish,
    site_tree,
)
from .plan import (
    Changes,
    PartlyPublished,
    PublishError,
    PublishSettings,
    absolute_target,
    chosen_target,
    compare_trees,
    deletion_refusal,
    is_git_target,
    is_local_path,
    is_s3_target,
    listing,
    local_target_refusal,
    placeholder_warning,
    publish_settings,
    site_refusal,
    summary,
)
from .rsync import local_folder_problem, parse_itemized, rsync_command, rsync_publish
from .s3 import s3_publish

__all__ = [
    "GIT_BRANCH",
    "HEADERS_FILE",
    "NOJEKYLL",
    "Changes",
    "PartlyPublished",
    "PublishError",
    "PublishSettings",
    "SiteSources",
    "absolute_target",
    "chosen_target",
    "compare_trees",
    "deletion_refusal",
    "git_author",
    "git_blob_id",
    "is_git_target",
    "is_local_path",
    "is_s3_target",
    "listing",
    "local_target_refusal",
    "parse_itemized",
    "placeholder_warning",
    "publish_content",
    "publish_settings",
    "publish_site",
    "rsync_command",
    "site_refusal",
    "site_tree",
    "summary",
]


def publish_site(
    staged: Path,
    target: str,
    *,
    dry_run=False,
    force=False,
    max_deletes=100,
    author="",
    html_max_age=300,
    say=print,
) -> Changes:
    """Publish a built, checked site to `target`: a bucket (s3://), a git
    repository (.git) or an rsync destination; return what was (or, with
    dry_run, would be) done."""
    refusal = site_refusal(staged)
    if refusal:
        raise PublishError(refusal)
    options = {"dry_run": dry_run, "force": force, "max_deletes": max_deletes}
    if is_s3_target(target):
        return s3_publish(staged, target, html_max_age=html_max_age, say=say, **options)
    if is_git_target(target):
        return git_publish(staged, target, author=author, say=say, **options)
    return rsync_publish(staged, target, say=say, **options)


# Build, check, publish -------------------------------------------------------------


@dataclass(frozen=True)
class SiteSources:
    """What a site is built from: its content folder, the settings file, and the
    folders a local target must stay out of (the repository, theme, plugins)."""

    content: Path
    settings_file: Path
    repository: Path
    source_folders: tuple[Path, ...] = ()


def publish_content(
    sources: SiteSources,
    target: str,
    settings: PublishSettings,
    *,
    dry_run: bool = False,
    force: bool = False,
    say=print,
) -> tuple[Changes, str]:
    """Build the content with the production settings into a fresh staging
    folder, check it, and publish it to `target`; return (what was, or with
    `dry_run` would be, done, the site's address). Raise PublishError, having
    changed nothing, when the build, the check or a guard refuses, and
    PartlyPublished when the transfer stopped half-way."""
    with tempfile.TemporaryDirectory(prefix="journal-publish-") as staging:
        staged = Path(staging).resolve() / "site"
        if is_local_path(target):
            problem = local_target_refusal(
                Path(target),
                sources.content,
                sources.repository,
                staging=[staged.parent],
                sources=sources.source_folders,
            )
            if problem:
                raise PublishError(
                    f"Nothing was published: {problem}. Publish to a folder "
                    "outside the content folder and the repository (--target "
                    "or publish.target in invoke.yaml)."
                )
            problem = not is_git_target(target) and local_folder_problem(Path(target))
            if problem:
                raise PublishError(
                    f"Nothing was published: {problem} (--target or "
                    "publish.target in invoke.yaml)."
                )
        try:
            check_folders(Path(sources.content).resolve(), staged)
            site_url = read_site_settings(
                sources.settings_file, sources.content, staged
            )["SITEURL"]
        except BuildError as error:
            raise PublishError(
                f"Build failed; nothing was published.\n{error}"
            ) from None
        warning = placeholder_warning(site_url)
        if warning:
            say(warning)
        try:
            build_site(sources.content, staged, sources.settings_file)
        except BuildError as error:
            raise PublishError(
                f"Build failed; nothing was published.\n{error}"
            ) from None
        problems = check_site(staged, site_url, absolute_canonical=True)
        if problems:
            raise PublishError(
                "\n".join([*problems, "Check failed; nothing was published."])
            )
        try:
            changes = publish_site(
                staged,
                target,
                dry_run=dry_run,
                force=force,
                max_deletes=settings.max_deletes,
                author=settings.git_author,
                html_max_age=settings.html_max_age,
                say=say,
            )
        except PartlyPublished:
            raise
        except PublishError as error:
            raise PublishError(f"Nothing was published: {error}") from None
    return changes, site_url
