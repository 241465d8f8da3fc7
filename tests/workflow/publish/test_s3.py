"""Publishing to a bucket, decided on plain data: the target, which files
differ, the order of the uploads, the headers, and what a refusal means."""

import hashlib

import pytest
from botocore.exceptions import ClientError, NoCredentialsError
from s3transfer.utils import ChunksizeAdjuster

from workflow.publish.headers import header_rules
from workflow.publish.plan import (
    Changes,
    PublishError,
    is_git_target,
    is_local_path,
    is_s3_target,
    publish_settings,
)
from workflow.publish.s3 import (
    MIB,
    PART_SIZE,
    Bucket,
    S3Target,
    SiteFile,
    batches,
    headers_to_refresh,
    host_error,
    multipart_etag,
    part_size,
    s3_changes,
    s3_problem,
    s3_target,
    same_content,
    site_file,
    stopped_at,
    upload_arguments,
    upload_order,
)


def md5(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


# The target ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "bucket", "prefix", "shown"),
    [
        ("s3://journal", "journal", "", "s3://journal/"),
        ("s3://journal/", "journal", "", "s3://journal/"),
        ("s3://journal/blog", "journal", "blog/", "s3://journal/blog/"),
        ("s3://my.site-2024/blog/en/", "my.site-2024", "blog/en/", None),
    ],
)
def test_an_s3_target_names_a_bucket_and_a_folder_in_it(target, bucket, prefix, shown):
    assert is_s3_target(target)
    assert not is_git_target(target)
    assert not is_local_path(target)
    assert s3_target(target) == S3Target(bucket, prefix)
    assert s3_target(target).key("index.html") == f"{prefix}index.html"
    if shown:
        assert str(s3_target(target)) == shown


def test_a_bucket_whose_folder_ends_in_git_is_still_a_bucket():
    assert is_s3_target("s3://journal/site.git")
    assert not is_git_target("s3://journal/site.git")


@pytest.mark.parametrize(
    ("target", "problem"),
    [
        ("s3://", "'' is not a bucket name"),
        ("s3://ab", "'ab' is not a bucket name"),
        ("s3://my bucket", "'my bucket' is not a bucket name"),
        ("s3://journal/blog//en", "has an empty, '.' or '..' part"),
        ("s3://journal/../other", "has an empty, '.' or '..' part"),
    ],
)
def test_a_malformed_s3_target_says_how_to_write_it(target, problem):
    with pytest.raises(PublishError) as refused:
        s3_target(target)
    assert problem in str(refused.value)
    assert "s3://BUCKET" in str(refused.value)


def test_html_max_age_is_a_setting_of_seconds():
    assert publish_settings({}).html_max_age == 300
    assert publish_settings({"html_max_age": 60}).html_max_age == 60
    assert publish_settings({"html_max_age": "0"}).html_max_age == 0  # environment
    for wrong in [-1, "soon", 1.5, True]:
        with pytest.raises(PublishError, match=r"publish\.html_max_age .* seconds"):
            publish_settings({"html_max_age": wrong})


# Which files differ: MD5 against the ETag -------------------------------------------


@pytest.mark.parametrize(
    "size",
    [1, PART_SIZE, 10_000 * PART_SIZE, 10_000 * PART_SIZE + 1, 50_000 * PART_SIZE],
)
def test_parts_are_sized_as_boto3s_transfer_sizes_them(size):
    assert part_size(size) == ChunksizeAdjuster().adjust_chunksize(PART_SIZE, size)


def test_a_multipart_etag_is_the_md5_of_the_parts_md5s_and_their_count():
    data = b"a" * 4 + b"b" * 4 + b"c" * 2
    digests = [hashlib.md5(part).digest() for part in [b"aaaa", b"bbbb", b"cc"]]
    assert multipart_etag(data, 4) == f"{hashlib.md5(b''.join(digests)).hexdigest()}-3"


def test_a_small_file_is_uploaded_whole_and_a_large_one_in_parts():
    small = site_file(b"<html>")
    assert small == SiteFile(6, md5(b"<html>"), md5(b"<html>"))
    data = bytes(range(256)) * 40  # 10240 bytes: three parts of 4096
    large = site_file(data, threshold=4096)
    assert large.md5 == md5(data)
    assert large.etag == multipart_etag(data, part_size(len(data)))
    assert large.etag.endswith("-1")  # one 8 MiB part: PART_SIZE, not 4096
    assert site_file(b"x" * 10, threshold=10).etag.endswith("-1")  # from threshold on


def test_an_object_holds_the_file_when_its_etag_is_the_md5_or_our_multipart_etag():
    data = b"x" * (PART_SIZE + MIB)
    file = site_file(data)
    assert same_content(file, f'"{file.md5}"')
    assert same_content(file, f'"{file.md5.upper()}"')
    assert same_content(file, f'"{multipart_etag(data, PART_SIZE)}"')
    assert not same_content(file, f'"{multipart_etag(data, 5 * MIB)}"')  # other tool
    assert not same_content(file, '"d41d8cd98f00b204e9800998ecf8427e"')


def test_the_bucket_and_the_site_compare_as_added_changed_deleted():
    site = {
        "index.html": site_file(b"new home"),
        "journal/2024-02-03/index.html": site_file(b"new entry"),
        "theme/css/site.a6f3cdb7.css": site_file(b"css"),
    }
    remote = {
        "index.html": f'"{md5(b"old home")}"',
        "theme/css/site.a6f3cdb7.css": f'"{md5(b"css")}"',
        "journal/2023-09-01/index.html": '"0"',
    }
    assert s3_changes(site, remote) == Changes(
        added=["journal/2024-02-03/index.html"],
        changed=["index.html"],
        deleted=["journal/2023-09-01/index.html"],
        bytes_sent=len(b"new entry") + len(b"new home"),
    )
    assert s3_changes(site, {path: file.md5 for path, file in site.items()}).empty


# The order of the uploads, and their headers ----------------------------------------


def test_assets_go_first_then_pages_then_feeds_each_new_before_changed():
    changes = Changes(
        added=[
            "feeds/all.atom.xml",
            "journal/2024-02-03/index.html",
            "theme/css/site.b7e4d0c2.css",
        ],
        changed=["index.html", "sitemap.xml", "images/team.jpg"],
        deleted=["theme/css/site.a6f3cdb7.css"],
    )
    assert upload_order(changes) == [
        ("assets, new", ["theme/css/site.b7e4d0c2.css"]),
        ("assets, changed", ["images/team.jpg"]),
        ("pages, new", ["journal/2024-02-03/index.html"]),
        ("pages, changed", ["index.html"]),
        ("feeds and sitemap, new", ["feeds/all.atom.xml"]),
        ("feeds and sitemap, changed", ["sitemap.xml"]),
    ]
    assert upload_order(Changes(changed=["index.html"])) == [
        ("pages, changed", ["index.html"])
    ]
    # A new year of the search: its index is up before the list that names it.
    year = Changes(
        added=["pagefind/2025/pagefind-entry.json"],
        changed=["pagefind/indexes.json"],
    )
    assert [paths for _, paths in upload_order(year)] == [
        ["pagefind/2025/pagefind-entry.json"],
        ["pagefind/indexes.json"],
    ]


def test_each_object_gets_its_type_and_lifetime():
    assert upload_arguments("theme/css/site.a6f3cdb7.css", 300) == {
        "ContentType": "text/css; charset=utf-8",
        "CacheControl": "public, max-age=31536000, immutable",
    }
    assert upload_arguments("journal/2023-08-30/index.html", 120) == {
        "ContentType": "text/html; charset=utf-8",
        "CacheControl": "public, max-age=120",
    }


def test_files_already_there_get_new_headers_only_when_the_rules_changed():
    site = {
        "index.html": site_file(b"home"),
        "about/index.html": site_file(b"about"),
        "journal/2024-02-03/index.html": site_file(b"new entry"),
    }
    planned = Changes(added=["journal/2024-02-03/index.html"])
    rules = header_rules(300)
    assert headers_to_refresh(site, planned, rules, rules) == []
    refreshed = ["about/index.html", "index.html"]  # the new entry goes up with them
    assert headers_to_refresh(site, planned, header_rules(120), rules) == refreshed
    assert headers_to_refresh(site, planned, None, rules) == refreshed
    assert header_rules(120) != header_rules(300)
    assert header_rules(300) == header_rules(300)


def test_deletions_go_a_thousand_per_request():
    paths = [f"old/{number}.html" for number in range(2001)]
    assert [len(batch) for batch in batches(paths, 1000)] == [1000, 1000, 1]


# What a refusal means -----------------------------------------------------------------

TARGET = S3Target("journal", "blog/")
ENDPOINT = "https://abc.r2.cloudflarestorage.com"


@pytest.mark.parametrize(
    ("code", "says"),
    [
        ("NoCredentialsError", "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"),
        ("InvalidAccessKeyId", "check AWS_ACCESS_KEY_ID"),
        ("SignatureDoesNotMatch", "check AWS_SECRET_ACCESS_KEY"),
        ("AccessDenied", "right to list, upload and delete objects"),
        ("403", "right to list, upload and delete objects"),
        ("NoSuchBucket", "the host has no bucket 'journal' at " + ENDPOINT),
        ("PermanentRedirect", "set AWS_REGION to the bucket's region"),
        ("AuthorizationHeaderMalformed", "set AWS_REGION"),
        ("RequestTimeTooSkewed", "clock is wrong"),
        ("EndpointConnectionError", f"cannot reach {ENDPOINT}"),
        ("ReadTimeoutError", f"{ENDPOINT} took 30 s and more to answer"),
        ("InvalidEndpoint", "set AWS_ENDPOINT_URL"),
        ("ProfileNotFound", "AWS_PROFILE must name a profile"),
        ("SlowDown", "the host refused s3://journal/blog/ (endpoint"),
    ],
)
def test_a_refusal_says_what_is_wrong_and_how_to_fix_it(code, says):
    problem = s3_problem(code, "the host's words", TARGET, ENDPOINT, "auto")
    assert says in problem


def test_boto3s_errors_read_as_a_code_and_a_message():
    refused = ClientError(
        {"Error": {"Code": "NoSuchBucket", "Message": "no such bucket"}},
        "ListObjectsV2",
    )
    assert (host_error(refused).code, host_error(refused).message) == (
        "NoSuchBucket",
        "no such bucket",
    )
    bare = ClientError({"ResponseMetadata": {"HTTPStatusCode": 403}}, "HeadObject")
    assert host_error(bare).code == "403"
    assert host_error(NoCredentialsError()).code == "NoCredentialsError"
    assert host_error(ValueError("Invalid endpoint: x")).code == "InvalidEndpoint"


def test_a_publish_stopped_half_way_says_what_was_done():
    assert "Stopped after 3 of 10 uploads; nothing was deleted." in stopped_at(3, 10)
    assert "All 10 uploads were done" in stopped_at(10, 10)
    refreshing = stopped_at(10, 10, refreshing=True)
    assert "new headers stopped, and nothing was deleted" in refreshing


def test_a_host_that_never_answers_is_given_up_on_within_seconds(monkeypatch):
    """A host that takes the connection and says nothing is not waited for
    minutes: boto3 is told how long to wait, and how many times."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "key")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "secret")
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
    config = Bucket(TARGET).client.meta.config
    assert config.connect_timeout == 10
    assert config.read_timeout == 30
    assert config.retries["total_max_attempts"] == 3
