namespace MiniMalloc.Tests.Csv;

public class CsvProblemReaderTests
{
    private static Problem Parse(string text, long? capacity = null) => CsvProblemReader.Parse(text, "test.csv", capacity);

    private static CsvFormatException Fails(string text, long? capacity = null) =>
        Assert.Throws<CsvFormatException>(() => CsvProblemReader.Parse(text, "test.csv", capacity));

    [Fact]
    public void Reads_the_reference_example()
    {
        var problem = Parse("id,lower,upper,size\nb1,0,3,4\nb2,3,9,4\nb3,0,9,4\nb4,9,21,4\nb5,0,21,4\n", capacity: 12);

        Assert.Equal(12, problem.Capacity);
        Assert.Equal(["b1", "b2", "b3", "b4", "b5"], problem.Buffers.Select(b => b.Id));
        Assert.Equal(new Lifespan(3, 9), problem.Buffers[1].Lifespan);
        Assert.Equal(new Lifespan(9, 21), problem.Buffers[3].Lifespan);
        Assert.All(problem.Buffers, b =>
        {
            Assert.Equal(4, b.Size);
            Assert.Equal(1, b.Alignment);
            Assert.Empty(b.Gaps);
            Assert.Null(b.Offset);
            Assert.Null(b.Hint);
        });
    }

    [Fact]
    public void Without_a_capacity_the_problem_has_capacity_zero()
    {
        Assert.Equal(0, Parse("id,lower,upper,size\na,0,1,5\n").Capacity);
    }

    [Fact]
    public void Columns_may_come_in_any_order()
    {
        var b = Assert.Single(Parse("size,upper,id,lower\n7,5,x,2\n").Buffers);
        Assert.Equal(("x", new Lifespan(2, 5), 7L), (b.Id, b.Lifespan, b.Size));
    }

    [Theory]
    [InlineData("buffer,start,upper,size")]
    [InlineData("buffer_id,begin,upper,size")]
    [InlineData("ID,Lower,UPPER,Size")]
    public void Accepts_the_reference_aliases_and_any_case(string header)
    {
        var b = Assert.Single(Parse(header + "\nx,2,5,7\n").Buffers);
        Assert.Equal(("x", new Lifespan(2, 5), 7L), (b.Id, b.Lifespan, b.Size));
    }

    [Fact]
    public void An_end_column_is_inclusive_for_the_lifespan_and_the_gaps()
    {
        var b = Assert.Single(Parse("buffer,start,end,size,gaps\nx,2,5,7,3-3 4-4@0:2\n").Buffers);
        Assert.Equal(new Lifespan(2, 6), b.Lifespan);
        Assert.Equal([new Gap(new Lifespan(3, 4)), new Gap(new Lifespan(4, 5), new Window(0, 2))], b.Gaps);
    }

    [Fact]
    public void Reads_alignment_hint_gaps_and_fixed_offset()
    {
        var problem = Parse(
            "id,lower,upper,size,alignment,hint,gaps,offset\n" +
            "a,0,10,8,4,16,2-4 5-7@2:6,32\n" +
            "b,1,3,2,1,-1,,\n");
        var a = problem.Buffers[0];
        Assert.Equal(4, a.Alignment);
        Assert.Equal(16, a.Hint);
        Assert.Equal(32, a.Offset);
        Assert.Equal([new Gap(new Lifespan(2, 4)), new Gap(new Lifespan(5, 7), new Window(2, 6))], a.Gaps);
        var b = problem.Buffers[1];
        Assert.Null(b.Hint);
        Assert.Null(b.Offset);
        Assert.Empty(b.Gaps);
        Assert.Equal(1, b.Alignment);
    }

    [Fact]
    public void Crlf_bom_blanks_and_blank_lines_read_like_plain_lf()
    {
        string plain = "id,lower,upper,size,gaps\na,0,10,8,2-4 5-7\nb,1,3,2,\n";
        string messy = "\uFEFFid , lower,upper,size,gaps\r\n\r\n a ,0, 10 ,8,  2-4  5-7 \r\nb,1,3,2,\r\n\r\n";
        Assert.Equal(Describe(Parse(plain)), Describe(Parse(messy)));
    }

    [Fact]
    public void The_last_line_needs_no_line_break()
    {
        Assert.Equal(2, Parse("id,lower,upper,size\na,0,1,1\nb,0,1,1").Buffers.Count);
    }

    [Fact]
    public void Quoted_ids_may_hold_commas_quotes_and_line_breaks()
    {
        var problem = Parse("id,lower,upper,size\n\"a,b\",0,1,1\n\"say \"\"hi\"\"\",0,1,1\n\"two\r\nlines\",0,1,1\nplain,0,1,1\n");
        Assert.Equal(["a,b", "say \"hi\"", "two\nlines", "plain"], problem.Buffers.Select(b => b.Id));
    }

    [Fact]
    public void Unknown_columns_are_ignored_as_in_the_reference()
    {
        var b = Assert.Single(Parse("id,lower,upper,size,comment\nx,0,1,1,whatever\n").Buffers);
        Assert.Equal("x", b.Id);
    }

    [Fact]
    public void A_header_alone_is_a_problem_without_buffers()
    {
        Assert.Empty(Parse("id,lower,upper,size\n").Buffers);
    }

    public static TheoryData<string, long?, int, int, string, CsvErrorKind> BadInputs => new()
    {
        // text, capacity, line, column, a fragment of the message, the kind
        { "", null, 1, 1, "the file is empty", CsvErrorKind.EmptyFile },
        { "\r\n\n  \n", null, 1, 1, "the file is empty", CsvErrorKind.EmptyFile },
        { "id,lower,size\nb,0,1\n", null, 1, 1, "missing required column 'upper'", CsvErrorKind.MissingColumn },
        { "id,lower,upper,start,size\nb,0,1,0,2\n", null, 1, 16, "duplicate column 'start': column 2 is already 'lower' (both mean 'lower')", CsvErrorKind.BadHeader },
        { "id,lower,upper,size,size\nb,0,1,2,2\n", null, 1, 21, "duplicate column 'size'", CsvErrorKind.BadHeader },
        { "id,lower,upper,size\nb1,0,3\n", null, 2, 6, "expected 4 fields as in the header, found 3", CsvErrorKind.Malformed },
        { "id,lower,upper,size\nb1,0,3,4,5\n", null, 2, 10, "expected 4 fields as in the header, found 5", CsvErrorKind.Malformed },
        { "id,lower,upper,size\nb1,0,x,4\n", null, 2, 6, "upper 'x' is not an integer", CsvErrorKind.NotAnInteger },
        { "id,lower,upper,size\nb1,0,3,4.5\n", null, 2, 8, "size '4.5' is not an integer", CsvErrorKind.NotAnInteger },
        { "id,lower,upper,size\nb1,0,3,\n", null, 2, 8, "size is empty", CsvErrorKind.NotAnInteger },
        { "id,lower,upper,size\nb1,0,99999999999999999999,4\n", null, 2, 6, "upper 99999999999999999999 is out of range", CsvErrorKind.OutOfRange },
        { "id,lower,upper,size\nb1,0,9007199254740993,4\n", null, 2, 6, "out of range", CsvErrorKind.OutOfRange },
        { "id,lower,upper,size\nb1,5,5,4\n", null, 2, 6, "upper 5 is not greater than lower 5", CsvErrorKind.EmptyLifespan },
        { "id,start,end,size\nb1,5,4,4\n", null, 2, 6, "end 4 is less than start 5", CsvErrorKind.EmptyLifespan },
        { "id,lower,upper,size\nb1,0,3,-4\n", null, 2, 8, "size -4 must be positive", CsvErrorKind.InvalidSize },
        { "id,lower,upper,size\nb1,0,3,0\n", null, 2, 8, "size 0 must be positive", CsvErrorKind.InvalidSize },
        { "id,lower,upper,size\nb1,0,3,4\nb2,0,3,4\nb1,4,5,4\n", null, 4, 1, "duplicate id 'b1': already used on line 2", CsvErrorKind.DuplicateId },
        { "id,lower,upper,size\n,0,3,4\n", null, 2, 1, "the id is empty", CsvErrorKind.EmptyId },
        { "id,lower,upper,size\nb1,0,3,13\n", 12L, 2, 8, "size 13 of buffer 'b1' exceeds the capacity 12", CsvErrorKind.ExceedsCapacity },
        { "id,lower,upper,size,alignment\nb1,0,3,4,0\n", null, 2, 10, "alignment 0 must be positive", CsvErrorKind.InvalidAlignment },
        { "id,lower,upper,size,alignment\nb1,0,3,4,four\n", null, 2, 10, "alignment 'four' is not an integer", CsvErrorKind.NotAnInteger },
        { "id,lower,upper,size,hint\nb1,0,3,4,x\n", null, 2, 10, "hint 'x' is not an integer", CsvErrorKind.NotAnInteger },
        { "id,lower,upper,size,offset\nb1,0,3,4,-2\n", null, 2, 10, "offset -2 must not be negative", CsvErrorKind.InvalidOffset },
        { "id,lower,upper,size,alignment,offset\nb1,0,3,4,8,4\n", null, 2, 12, "offset 4 is not a multiple of the alignment 8", CsvErrorKind.MisalignedOffset },
        { "id,lower,upper,size,offset\nb1,0,3,4,10\n", 12L, 2, 10, "offset 10 + size 4 exceeds the capacity 12", CsvErrorKind.ExceedsCapacity },
        { "id,lower,upper,size,gaps\nb1,0,9,4,2-3 8-12\n", null, 2, 14, "gap '8-12' lies outside the buffer's lifespan [0, 9)", CsvErrorKind.GapOutsideLifespan },
        { "id,lower,upper,size,gaps\nb1,0,9,4,2-x\n", null, 2, 10, "gap '2-x' is malformed", CsvErrorKind.InvalidGap },
        { "id,lower,upper,size,gaps\nb1,0,9,4,2-3@1\n", null, 2, 10, "gap '2-3@1' is malformed", CsvErrorKind.InvalidGap },
        { "id,lower,upper,size,gaps\nb1,0,9,4,3-3\n", null, 2, 10, "gap '3-3' is empty", CsvErrorKind.InvalidGap },
        { "id,lower,upper,size,gaps\nb1,0,9,4,2-3@0:5\n", null, 2, 10, "the window 0:5 of gap '2-3@0:5' must lie within the buffer's bytes [0, 4]", CsvErrorKind.InvalidWindow },
        { "id,lower,upper,size,gaps\nb1,0,9,4,4-6 2-5\n", null, 2, 14, "gap '2-5' overlaps or precedes the gap '4-6'", CsvErrorKind.InvalidGap },
        { "id,lower,upper,size\n\"b1,0,3,4\n", null, 2, 1, "a quoted field is not closed", CsvErrorKind.Malformed },
        { "id,lower,upper,size\n\"b1\"x,0,3,4\n", null, 2, 5, "unexpected 'x' after a closing quote", CsvErrorKind.Malformed },
        { "id,,upper,size\nb1,0,3,4\n", null, 1, 4, "header field 2 is empty", CsvErrorKind.BadHeader },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_is_reported_with_line_column_and_value(string text, long? capacity, int line, int column, string fragment, CsvErrorKind kind)
    {
        var ex = Fails(text, capacity);
        var error = ex.Errors[0];
        Assert.Equal("test.csv", error.File);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        Assert.Equal(kind, error.Kind);
        Assert.Equal((line, column), (ex.Line, ex.Column));
        Assert.StartsWith($"test.csv({line},{column}): error: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_every_bad_field_in_one_pass()
    {
        var ex = Fails("id,lower,upper,size\nb1,0,x,4\nb2,0,3,-1\nok,0,1,1\nb2,3,1,1\n");
        Assert.Equal([2, 3, 5, 5], ex.Errors.Select(e => e.Line));
        Assert.Contains("upper 'x' is not an integer", ex.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("size -1 must be positive", ex.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("duplicate id 'b2': already used on line 3", ex.Errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("upper 1 is not greater than lower 3", ex.Errors[3].Message, StringComparison.Ordinal);
        Assert.EndsWith("(and 3 more)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stops_after_the_error_limit()
    {
        string text = "id,lower,upper,size\n" + string.Concat(Enumerable.Range(0, 300).Select(i => $"b{i},0,1,-1\n"));
        var ex = Fails(text);
        Assert.Equal(CsvProblemReader.MaxErrors + 1, ex.Errors.Count);
        Assert.Contains("too many errors", ex.Errors[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_names_the_path_in_errors_and_reads_crlf_files()
    {
        string path = Path.Combine(Path.GetTempPath(), $"csv-reader-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllText(path, "id,lower,upper,size\r\na,0,2,3\r\n");
            Assert.Equal(new Lifespan(0, 2), Assert.Single(CsvProblemReader.Read(path, 8).Buffers).Lifespan);
            File.WriteAllText(path, "id,lower,upper,size\r\na,0,2,x\r\n");
            var ex = Assert.Throws<CsvFormatException>(() => CsvProblemReader.Read(path));
            Assert.Equal(path, ex.File);
            Assert.StartsWith($"{path}(2,7): error: size 'x' is not an integer", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_file_is_an_io_error_not_a_format_error()
    {
        Assert.ThrowsAny<IOException>(() => CsvProblemReader.Read(Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.csv")));
    }

    [CsvSharedDataFact]
    public void Reads_every_shared_benchmark()
    {
        string shared = CsvSharedDataFactAttribute.SharedFolder!;
        var example = CsvProblemReader.Read(Path.Combine(shared, "benchmarks", "examples", "input.12.csv"), 12);
        Assert.Equal(5, example.Buffers.Count);
        Assert.Equal(12, LiveProfile.Of(example).Peak);
        var files = Directory.GetFiles(Path.Combine(shared, "benchmarks", "challenging"), "*.csv");
        Assert.Equal(11, files.Length);
        foreach (var file in files)
        {
            var problem = CsvProblemReader.Read(file, 1048576);
            Assert.Equal(File.ReadAllLines(file).Count(l => l.Length > 0) - 1, problem.Buffers.Count);
            Assert.True(LiveProfile.Of(problem).Peak <= 1048576, file);
        }
    }

    internal static string Describe(Problem problem) =>
        string.Join("\n", problem.Buffers.Select(b =>
            $"{b.Id}|{b.Lifespan}|{b.Size}|{b.Alignment}|{b.Hint}|{b.Offset}|{string.Join(" ", b.Gaps)}")) + $"|cap {problem.Capacity}";
}
