namespace MiniMalloc.Planning.Tests;

public class AtomicFileTests
{
    [Fact]
    public void Writes_a_new_file_and_creates_its_folder()
    {
        using var temp = new TempDirectory();
        string path = Path.Combine(temp.Path, "a", "b", "x.h");

        Assert.True(AtomicFile.WriteIfChanged(path, "hello\n"));
        Assert.Equal("hello\n", File.ReadAllText(path));
        Assert.Equal([(byte)'h'], File.ReadAllBytes(path).Take(1));
    }

    [Fact]
    public void Leaves_an_equal_file_untouched()
    {
        using var temp = new TempDirectory();
        string path = temp.File("x.h");
        AtomicFile.WriteIfChanged(path, "same");
        var stamp = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, stamp);

        Assert.False(AtomicFile.WriteIfChanged(path, "same"));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));

        Assert.True(AtomicFile.WriteIfChanged(path, "different"));
        Assert.NotEqual(stamp, File.GetLastWriteTimeUtc(path));
        Assert.Equal("different", File.ReadAllText(path));
    }

    [Fact]
    public void Leaves_no_temporary_files_behind()
    {
        using var temp = new TempDirectory();
        for (int i = 0; i < 5; i++) AtomicFile.WriteIfChanged(temp.File("x.h"), "v" + i);
        Assert.Equal(["x.h"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_failed_write_throws_and_keeps_the_previous_file()
    {
        using var temp = new TempDirectory();
        string blocker = temp.File("not-a-folder");
        File.WriteAllText(blocker, "a file where a folder is expected");

        Assert.ThrowsAny<IOException>(() => AtomicFile.WriteIfChanged(Path.Combine(blocker, "x.h"), "content"));
        Assert.Equal("a file where a folder is expected", File.ReadAllText(blocker));
    }

    [Fact]
    public void Concurrent_writers_never_leave_a_mixed_file()
    {
        using var temp = new TempDirectory();
        string path = temp.File("race.h");
        string a = new('a', 200_000), b = new('b', 200_000);
        Parallel.For(0, 40, i => AtomicFile.Write(path, AtomicFile.Utf8.GetBytes(i % 2 == 0 ? a : b)));

        string result = File.ReadAllText(path);
        Assert.True(result == a || result == b, "the file mixes two writers' content");
        Assert.Single(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void Compares_content_byte_for_byte()
    {
        using var temp = new TempDirectory();
        string path = temp.File("x.h");
        Assert.False(AtomicFile.HasContent(path, "x"));
        AtomicFile.WriteIfChanged(path, "x\n");
        Assert.True(AtomicFile.HasContent(path, "x\n"));
        Assert.False(AtomicFile.HasContent(path, "x\r\n"));
    }
}
