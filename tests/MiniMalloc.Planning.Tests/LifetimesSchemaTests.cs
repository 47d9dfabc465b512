using System.Text.Json.Nodes;
using Json.Schema;

namespace MiniMalloc.Planning.Tests;

/// <summary>
/// The shipped JSON Schema and the reader agree: every document the reader accepts is valid under the schema,
/// and every structural error the reader reports (types, required and unknown properties, ranges) the schema
/// reports too. Rules a schema cannot state (end &gt; start, unique ids, gaps in order) are the reader's alone.
/// </summary>
public class LifetimesSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "lifetimes.schema.json"))));

    private static bool IsValid(string json) =>
        Schema.Value.Evaluate(JsonNode.Parse(json), new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid;

    [Fact]
    public void The_schema_is_draft_2020_12_and_shipped_next_to_the_assembly()
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "lifetimes.schema.json")))!;
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)root["$schema"]);
        Assert.Equal(["version", "buffers"], root["required"]!.AsArray().Select(n => (string?)n));
    }

    [Theory]
    [InlineData("kws_cnn.lifetimes.json")]
    [InlineData("every-property.lifetimes.json")]
    [InlineData("minimal.lifetimes.json")]
    [InlineData("pools.lifetimes.json")]
    public void Documents_the_reader_accepts_are_valid(string fixture)
    {
        string json = File.ReadAllText(TestSupport.Fixture(fixture));
        Assert.True(LifetimesReader.Read(TestSupport.Fixture(fixture)).Succeeded);
        Assert.True(IsValid(json), $"{fixture} does not match the schema");
    }

    // Codes whose every case is a structural rule that the schema states too.
    private static readonly HashSet<string> StructuralCodes =
    [
        DiagnosticCodes.WrongType, DiagnosticCodes.MissingProperty, DiagnosticCodes.UnknownProperty, DiagnosticCodes.UnsupportedVersion,
        DiagnosticCodes.InvalidSize, DiagnosticCodes.InvalidAlignment, DiagnosticCodes.IdTooLong, DiagnosticCodes.TooManyGaps,
        DiagnosticCodes.ValueOutOfRange,
    ];

    // The reader is stricter than JSON Schema, whose "integer" includes 1e3 (a mathematical integer).
    private static readonly HashSet<string> ReaderOnly = ["size in exponent form"];

    public static TheoryData<string, string> StructuralCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in LifetimesReaderErrorTests.Cases)
        {
            string name = (string)row[0], code = (string)row[2];
            bool structural = StructuralCodes.Contains(code) || name is "empty id" or "window of three" or "window is an object"
                or "pool name with white space" or "pool name with a colon" or "pool name with a line break";
            if (structural && !ReaderOnly.Contains(name)) data.Add(name, TestSupport.Mark((string)row[1]).Json);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(StructuralCases))]
    public void Documents_with_structural_errors_are_invalid_under_the_schema_too(string name, string json)
    {
        Assert.False(TestSupport.Read(json).Succeeded);
        Assert.False(IsValid(json), $"{name}: the schema accepts a document the reader rejects");
    }
}
