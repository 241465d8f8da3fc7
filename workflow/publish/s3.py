"""Publish to a bucket of an S3-compatible host: Amazon S3, Cloudflare R2,
Backblaze B2, DigitalOcean Spaces, Wasabi, MinIO...

The target is `s3://BUCKET[/PREFIX]`. The endpoint, region and credentials
come the standard AWS way, read by boto3: AWS_ENDPOINT_URL, AWS_REGION,
AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_PROFILE and ~/.aws/.

The decisions come first, on plain data: which files differ (their MD5
against the object's ETag), in which order they go (what pages load, then the
pages, then the feed and the sitemap that point at pages; deletions last), the
headers each gets, and what the host's refusal means for the author. The few
functions that talk to the host with boto3 sit below them.
"""

import hashlib
import math
import mmap
import re
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .headers import cache_control, content_type, header_rules
from .plan import S3_SCHEME, Changes, PartlyPublished, PublishError, should_apply

MIB = 1024 * 1024
# Files from PART_SIZE on are uploaded in parts of PART_SIZE (boto3's
# transfer defaults, set here explicitly): an object uploaded in N parts has
# the ETag "md5(md5(part 1) + ... + md5(part N))-N", which `multipart_etag`
# reproduces. boto3 doubles the part size until a file fits in MAX_PARTS.
PART_SIZE = 8 * MIB
MAX_PARTS = 10_000
TRANSFERS = 8  # files uploaded at once
# A host that does not connect, or answer, within these many seconds (three
# times) is said to be unreachable, not waited for minutes.
CONNECT_SECONDS = 10
ANSWER_SECONDS = 30
MAX_KEYS_PER_DELETE = 1000  # the S3 API's limit
BUCKET_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,61}[A-Za-z0-9]$")
# What pages load goes first, then the pages, then what points at pages.
PHASES = ("assets", "pages", "feeds and sitemap")
PAGE_SUFFIXES = (".html",)
LIST_SUFFIXES = (".xml",)
# An object beside the site's that holds the header rules its objects were
# given (headers.header_rules): an object that is there already keeps the
# headers it was uploaded with, so when the rules change (a new
# publish.html_max_age), the objects that stay get the new ones. Not a
# file of the site: never listed, changed or deleted with them.
HEADERS_RECORD = ".publish-headers.json"
UNREADABLE = "(the record cannot be read with these credentials)"
MISSING_CODES = frozenset({"NoSuchKey", "404", "NotFound"})
DENIED_CODES = frozenset({"AccessDenied", "403", "Forbidden"})


@dataclass(frozen=True)
class S3Target:
    """A bucket, and the folder of it (prefix) the site goes into."""

    bucket: str
    prefix: str = ""  # "" or "blog/": every key of the site starts with it

    def key(self, path: str) -> str:
        return f"{self.prefix}{path}"

    def __str__(self) -> str:
        return f"{S3_SCHEME}{self.bucket}/{self.prefix}"


@dataclass(frozen=True)
class SiteFile:
    """A file of the built site, as an S3 host describes it."""

    size: int
    md5: str  # hex MD5 of its bytes: the ETag of a single-part upload
    etag: str  # the ETag our upload gives it (multipart from PART_SIZE on)


# Plain decisions ---------------------------------------------------------------


def s3_target(target: str) -> S3Target:
    """The bucket and prefix of `s3://BUCKET[/PREFIX]`."""
    bucket, _, prefix = target.removeprefix(S3_SCHEME).partition("/")
    prefix = prefix.strip("/")
    parts = prefix.split("/") if prefix else []
    if not BUCKET_NAME.match(bucket):
        raise PublishError(
            f"{target}: {bucket!r} is not a bucket name; write the target as "
            "s3://BUCKET or s3://BUCKET/FOLDER, with the bucket's name as your "
            "host shows it (3 to 63 letters, digits, dots and hyphens)"
        )
    if any(part in ("", ".", "..") for part in parts):
        raise PublishError(
            f"{target}: the folder {prefix!r} has an empty, '.' or '..' part; "
            "write it as s3://BUCKET/FOLDER/SUBFOLDER"
        )
    return S3Target(bucket, f"{prefix}/" if prefix else "")


def part_size(size: int, part: int = PART_SIZE) -> int:
    """The part size boto3's transfer uses for a file of `size` bytes: `part`,
    doubled until the file fits in MAX_PARTS parts (s3transfer's
    ChunksizeAdjuster)."""
    while math.ceil(size / part) > MAX_PARTS:
        part *= 2
    return part


def multipart_etag(data: bytes, part: int) -> str:
    """The ETag of `data` uploaded in parts of `part` bytes."""
    digests = [
        hashlib.md5(data[start : start + part], usedforsecurity=False).digest()
        for start in range(0, len(data), part)
    ]
    joined = hashlib.md5(b"".join(digests), usedforsecurity=False).hexdigest()
    return f"{joined}-{len(digests)}"


def site_file(data: bytes, threshold: int = PART_SIZE) -> SiteFile:
    """How an S3 host describes a file of these bytes once we upload it."""
    md5 = hashlib.md5(data, usedforsecurity=False).hexdigest()
    if len(data) < threshold:
        return SiteFile(len(data), md5, md5)
    return SiteFile(len(data), md5, multipart_etag(data, part_size(len(data))))


def same_content(file: SiteFile, etag: str) -> bool:
    """Whether an object with this ETag holds the file's bytes: its MD5 (a
    single-part upload, or a host that gives whole-object MD5s) or the ETag our
    multipart upload makes. An object uploaded in parts of another size counts
    as different and is uploaded again, once."""
    return etag.strip('"').lower() in (file.md5, file.etag)


def s3_changes(site: Mapping[str, SiteFile], remote: Mapping[str, str]) -> Changes:
    """What turns the bucket's objects ({path: ETag}) into the site."""
    added = sorted(site.keys() - remote.keys())
    changed = sorted(
        path
        for path in site.keys() & remote.keys()
        if not same_content(site[path], remote[path])
    )
    deleted = sorted(remote.keys() - site.keys())
    sent = sum(site[path].size for path in added + changed)
    return Changes(added, changed, deleted, sent)


def headers_to_refresh(
    site: Mapping[str, SiteFile], planned: Changes, recorded: str | None, rules: str
) -> list[str]:
    """The files whose bytes the bucket holds already, when the headers they
    were given followed other rules than this publish's (or no record says)."""
    if recorded == rules:
        return []
    uploaded = set(planned.added) | set(planned.changed)
    return sorted(path for path in site if path not in uploaded)


def upload_phase(path: str) -> int:
    """0 for what pages load (stylesheet, icons, images), 1 for pages, 2 for
    the feed and the sitemap, which point at pages."""
    if path.endswith(LIST_SUFFIXES):
        return 2
    if path.endswith(PAGE_SUFFIXES):
        return 1
    return 0


def upload_order(changes: Changes) -> list[tuple[str, list[str]]]:
    """The uploads in the order that keeps the site whole for a reader at any
    moment, each round (named) only once the one before is complete: the
    phases in their order; in each, the new files before the changed ones (a
    changed index links a new entry, pagefind/indexes.json a new year's index)."""
    rounds: list[tuple[str, list[str]]] = []
    for number, phase in enumerate(PHASES):
        for kind, paths in (("new", changes.added), ("changed", changes.changed)):
            chosen = [path for path in paths if upload_phase(path) == number]
            if chosen:
                rounds.append((f"{phase}, {kind}", chosen))
    return rounds


def upload_arguments(path: str, html_max_age: int) -> dict[str, str]:
    """The headers an object gets: its type, and how long it may be kept."""
    return {
        "ContentType": content_type(path),
        "CacheControl": cache_control(path, html_max_age),
    }


def batches(items: list[str], size: int) -> Iterable[list[str]]:
    """`items` in lists of at most `size`."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def stopped_at(done: int, uploads: int, refreshing: bool = False) -> str:
    """What a publish that stopped half-way had done, and what to do."""
    if refreshing:
        return (
            f"All {uploads} uploads were done; giving the files already there "
            "their new headers stopped, and nothing was deleted: fix the "
            "problem and publish again to finish."
        )
    if done < uploads:
        return (
            f"Stopped after {done} of {uploads} uploads; nothing was deleted. "
            "Every page online has its stylesheet and images (they went up "
            "first): fix the problem and publish again to finish."
        )
    return (
        f"All {uploads} uploads were done, some deletions may not be: fix the "
        "problem and publish again to finish."
    )


def s3_problem(
    code: str, message: str, target: S3Target, endpoint: str, region: str
) -> str:
    """What a refusal or failure of the host means, and how to fix it."""
    where = f"{target} (endpoint {endpoint}, region {region})"
    keys = "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the profile in ~/.aws/"
    problems = {
        "NoCredentialsError": f"no credentials were found for {where}: set {keys} "
        "(AWS_PROFILE names the profile)",
        "PartialCredentialsError": f"the credentials for {where} are incomplete "
        f"({message}): set both {keys}",
        "ProfileNotFound": f"{message}: AWS_PROFILE must name a profile of "
        "~/.aws/config or ~/.aws/credentials",
        "InvalidAccessKeyId": f"the host does not know the access key id for "
        f"{where}: check AWS_ACCESS_KEY_ID (or the profile's aws_access_key_id) "
        "and that AWS_ENDPOINT_URL is the host the key belongs to",
        "SignatureDoesNotMatch": f"the host refused the secret access key for "
        f"{where}: check AWS_SECRET_ACCESS_KEY (or the profile's "
        "aws_secret_access_key)",
        "AccessDenied": f"the credentials may not list and write {where}: give "
        "them the right to list, upload and delete objects in that bucket",
        "NoSuchBucket": f"the host has no bucket {target.bucket!r} at {endpoint}: "
        "create it, or correct the bucket in the target, AWS_ENDPOINT_URL or "
        "AWS_REGION",
        "PermanentRedirect": f"the bucket of {where} is in another region: set "
        "AWS_REGION to the bucket's region",
        "AuthorizationHeaderMalformed": f"the bucket of {where} is in another "
        "region: set AWS_REGION to the bucket's region",
        "RequestTimeTooSkewed": f"the host refused {where} because this machine's "
        "clock is wrong: set the clock right and publish again",
        "EndpointConnectionError": f"cannot reach {endpoint} for {target}: check "
        "AWS_ENDPOINT_URL (for example https://ACCOUNT_ID.r2.cloudflarestorage.com "
        "or https://s3.REGION.backblazeb2.com) and the network",
        "InvalidEndpoint": f"{message}: set AWS_ENDPOINT_URL to the host's https "
        "address (for example https://s3.REGION.backblazeb2.com)",
    }
    problems["403"] = problems["AccessDenied"]
    problems["Forbidden"] = problems["AccessDenied"]
    problems["301"] = problems["PermanentRedirect"]
    problems["ConnectTimeoutError"] = problems["EndpointConnectionError"]
    problems["ReadTimeoutError"] = (
        f"{endpoint} took {ANSWER_SECONDS} s and more to answer for {target}, "
        "three times: check AWS_ENDPOINT_URL and the network, and publish again"
    )
    if code in problems:
        return problems[code]
    return f"the host refused {where}: {code}: {message}".rstrip(": ")


# The host, through boto3 -----------------------------------------------------------


class HostError(Exception):
    """boto3 failed; `code` and `message` say how, for `s3_problem`."""

    def __init__(self, code: str, message: str):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


def host_error(error: Exception) -> HostError:
    """The code and message of any error boto3 raised."""
    from botocore.exceptions import ClientError  # noqa: PLC0415

    if isinstance(error, ClientError):
        info = error.response.get("Error", {})
        status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        return HostError(str(info.get("Code") or status), info.get("Message", ""))
    if isinstance(error, ValueError) and "endpoint" in str(error).lower():
        return HostError("InvalidEndpoint", str(error))
    return HostError(type(error).__name__, str(error))


class Bucket:
    """The bucket and prefix of a target, reached with boto3's standard
    configuration (environment variables, ~/.aws/)."""

    def __init__(self, target: S3Target):
        import boto3  # noqa: PLC0415
        from botocore.config import Config  # noqa: PLC0415

        self.target = target
        self.endpoint, self.region = "the default endpoint", "not set"
        try:
            session = boto3.session.Session()
            self.client = session.client(
                "s3",
                config=Config(
                    max_pool_connections=TRANSFERS,
                    retries={"mode": "standard", "total_max_attempts": 3},
                    connect_timeout=CONNECT_SECONDS,
                    read_timeout=ANSWER_SECONDS,
                ),
            )
        except Exception as error:
            raise self.refusal(error) from None
        self.endpoint = self.client.meta.endpoint_url
        self.region = self.client.meta.region_name or "not set"

    def refusal(self, error: Exception, done: str = "") -> PublishError:
        """A PublishError saying what the host's error means for the author."""
        failure = error if isinstance(error, HostError) else host_error(error)
        problem = s3_problem(
            failure.code, failure.message, self.target, self.endpoint, self.region
        )
        return PartlyPublished(f"{problem}\n{done}") if done else PublishError(problem)

    def objects(self) -> dict[str, str]:
        """{path under the prefix: ETag} of every object of the site's folder."""
        found = {}
        try:
            pages = self.client.get_paginator("list_objects_v2").paginate(
                Bucket=self.target.bucket, Prefix=self.target.prefix
            )
            for page in pages:
                for item in page.get("Contents", ()):
                    path = item["Key"][len(self.target.prefix) :]
                    if path and path != HEADERS_RECORD:  # not the folder's marker
                        found[path] = item["ETag"]
        except Exception as error:
            raise self.refusal(error) from None
        return found

    def upload(self, staged: Path, paths: list[str], html_max_age: int) -> None:
        """Upload these files of the site, several at once, each with its
        headers, in PART_SIZE parts from PART_SIZE on."""
        from boto3.s3.transfer import (  # noqa: PLC0415
            TransferConfig,
            create_transfer_manager,
        )

        config = TransferConfig(
            multipart_threshold=PART_SIZE,
            multipart_chunksize=PART_SIZE,
            max_concurrency=TRANSFERS,
            preferred_transfer_client="classic",
        )
        with create_transfer_manager(self.client, config) as manager:
            uploads = [
                manager.upload(
                    str(staged / path),
                    self.target.bucket,
                    self.target.key(path),
                    extra_args=upload_arguments(path, html_max_age),
                )
                for path in paths
            ]
            for upload in uploads:
                upload.result()

    def recorded_rules(self) -> str | None:
        """The header rules the site's objects were given, as recorded: None
        when there is no record (before a first publish), UNREADABLE when
        the credentials may not read objects (only list and write them)."""
        try:
            answer = self.client.get_object(
                Bucket=self.target.bucket, Key=self.target.key(HEADERS_RECORD)
            )
            return answer["Body"].read().decode("utf-8", "replace")
        except Exception as error:
            code = host_error(error).code
            if code in MISSING_CODES:
                return None
            if code in DENIED_CODES:
                return UNREADABLE
            raise self.refusal(error) from None

    def forget_rules(self) -> None:
        """Remove the record: a publish stopped after this one began to change
        the site leaves no record, and the next gives every file its headers."""
        self.client.delete_object(
            Bucket=self.target.bucket, Key=self.target.key(HEADERS_RECORD)
        )

    def record_rules(self, rules: str) -> None:
        self.client.put_object(
            Bucket=self.target.bucket,
            Key=self.target.key(HEADERS_RECORD),
            Body=rules.encode("utf-8"),
            ContentType="application/json; charset=utf-8",
            CacheControl="no-store",
        )

    def refresh(self, paths: list[str], html_max_age: int) -> None:
        """Give these objects their headers, copied in place (no upload)."""

        def give_headers(path: str) -> None:
            key = self.target.key(path)
            self.client.copy_object(
                Bucket=self.target.bucket,
                Key=key,
                CopySource={"Bucket": self.target.bucket, "Key": key},
                MetadataDirective="REPLACE",
                **upload_arguments(path, html_max_age),
            )

        pool = ThreadPoolExecutor(TRANSFERS)
        try:
            for done in [pool.submit(give_headers, path) for path in paths]:
                done.result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)  # at the first failure

    def delete(self, paths: list[str]) -> None:
        """Delete these files of the site, a thousand per request."""
        for batch in batches(paths, MAX_KEYS_PER_DELETE):
            answer = self.client.delete_objects(
                Bucket=self.target.bucket,
                Delete={
                    "Objects": [{"Key": self.target.key(path)} for path in batch],
                    "Quiet": True,
                },
            )
            for failed in answer.get("Errors", ()):
                raise HostError(
                    failed.get("Code", "DeleteFailed"),
                    f"{failed.get('Key')}: {failed.get('Message', '')}",
                )


def site_files(staged: Path) -> dict[str, SiteFile]:
    """{path: SiteFile} of every file of the built site."""
    files = {}
    for path in sorted(Path(staged).rglob("*")):
        if path.is_file():
            relative = path.relative_to(staged).as_posix()
            if path.stat().st_size == 0:
                files[relative] = site_file(b"")
                continue
            with (
                path.open("rb") as stream,
                mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) as data,
            ):
                files[relative] = site_file(data)
    return files


def s3_publish(
    staged, target, *, dry_run, force, max_deletes, html_max_age, say=print
) -> Changes:
    """Publish `staged` to `s3://BUCKET[/PREFIX]`; return what was (or, with
    dry_run, would be) done. Nothing changes until the bucket was listed and
    every guard passed; then new and changed files go up phase by phase,
    deletions last, and the bucket is listed again and checked."""
    staged = Path(staged)
    bucket = Bucket(s3_target(target))
    site = site_files(staged)
    planned = s3_changes(site, bucket.objects())
    rules = header_rules(html_max_age)
    recorded = bucket.recorded_rules()
    if recorded == UNREADABLE:
        say(
            f"The files already in {bucket.target} keep the headers they were "
            f"given: these credentials may not read {HEADERS_RECORD}, which "
            "says which (give them s3:GetObject on the bucket to have them "
            "brought up to date when publish.html_max_age changes)."
        )
        recorded = rules  # nothing to refresh, nothing to record
    planned.refreshed = headers_to_refresh(site, planned, recorded, rules)
    if not should_apply(planned, dry_run=dry_run, max_deletes=max_deletes, force=force):
        return planned
    if planned.empty and recorded == rules:
        say(f"{bucket.target} already holds this build.")
        return planned
    uploads, done, refreshing = len(planned.added) + len(planned.changed), 0, False
    try:
        if recorded is not None and recorded != rules:
            bucket.forget_rules()  # until every file has the new headers
        for _phase, paths in upload_order(planned):
            bucket.upload(staged, paths, html_max_age)
            done += len(paths)
        refreshing = True
        bucket.refresh(planned.refreshed, html_max_age)
        refreshing = False
        bucket.delete(planned.deleted)
        if recorded != rules:  # last: a publish stopped before refreshes again
            bucket.record_rules(rules)
    except Exception as error:
        stopped = stopped_at(done, uploads, refreshing)
        raise bucket.refusal(error, done=stopped) from None
    left = s3_changes(site, bucket.objects())
    if not left.empty:
        raise PartlyPublished(
            f"{bucket.target} does not match the build after publishing: "
            f"{len(left.added)} missing, {len(left.changed)} different, "
            f"{len(left.deleted)} left over; publish again"
        )
    say(f"Verified: {bucket.target} matches the build.")
    return planned
