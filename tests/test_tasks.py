"""The invoke tasks read well in `invoke --list` and work from any folder."""

from tests.conftest import ROOT, run_invoke


def test_invoke_list_shows_a_documented_line_for_every_task():
    result = run_invoke("--list")
    assert result.returncode == 0, result.stderr
    lines = {
        line.split()[0]: line for line in result.stdout.splitlines()[2:] if line.strip()
    }
    for name in ["new", "build", "serve", "check", "publish", "clean", "test"]:
        assert name in lines
        assert len(lines[name].split()) > 3, f"{name} has no docstring"


def test_build_works_from_a_subfolder_of_the_repository(tmp_path):
    result = run_invoke("build", "--output", str(tmp_path / "out"), cwd=ROOT / "theme")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "index.html").is_file()


def test_build_help_documents_every_option():
    result = run_invoke("--help", "build")
    for option in ["--content", "--output", "--production"]:
        assert option in result.stdout


def test_publish_help_documents_every_option():
    result = run_invoke("--help", "publish")
    for option in ["--content", "--target", "--dry-run", "--force"]:
        assert option in result.stdout
