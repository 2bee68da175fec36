// Licensed under the MIT License.

using System;
using System.Collections;
using System.Collections.Specialized;
using System.Text.Json;
using AiOps.PowerShell.Engine;

namespace AiOps.PowerShell.Tests;

public sealed class ResponseSchemaTests
{
    [Fact]
    public void Shorthand_BecomesAStrictObjectSchema()
    {
        var shorthand = new OrderedDictionary
        {
            ["Severity"] = new object[] { "low", "high" },
            ["Count"] = "integer",
            ["Tags"] = "string[]",
            ["Owner"] = new OrderedDictionary { ["Name"] = "string" },
        };

        ResponseSchema schema = ResponseSchema.From(new ChatRequestData { Schema = shorthand })!;

        string json = schema.Format.Schema!.Value.GetRawText();
        Assert.Equal(
            """{"type":"object","properties":{"Severity":{"type":"string","enum":["low","high"]},"Count":{"type":"integer"},"Tags":{"type":"array","items":{"type":"string"}},"Owner":{"type":"object","properties":{"Name":{"type":"string"}},"required":["Name"],"additionalProperties":false}},"required":["Severity","Count","Tags","Owner"],"additionalProperties":false}""",
            json);
        Assert.Null(schema.Type);
    }

    [Fact]
    public void ASchemaHashtable_IsSentAsItIs()
    {
        var dict = new Hashtable { ["type"] = "object", ["properties"] = new Hashtable { ["ok"] = new Hashtable { ["type"] = "boolean" } } };

        ResponseSchema schema = ResponseSchema.From(new ChatRequestData { Schema = dict })!;

        JsonElement root = schema.Format.Schema!.Value;
        Assert.Equal("boolean", root.GetProperty("properties").GetProperty("ok").GetProperty("type").GetString());
        Assert.False(root.TryGetProperty("additionalProperties", out _));
    }

    [Fact]
    public void OpenAIWrapperShape_IsUnwrappedAndKeepsItsName()
    {
        ResponseSchema schema = ResponseSchema.From(new ChatRequestData { Schema = """{"name":"triage","strict":true,"schema":{"type":"object","properties":{}}}""" })!;

        Assert.Equal("triage", schema.Format.SchemaName);
        Assert.Equal("object", schema.Format.Schema!.Value.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData(typeof(string))]
    [InlineData(typeof(int))]
    [InlineData(typeof(int[]))]
    [InlineData(typeof(System.Action))]
    [InlineData(typeof(IDisposable))]
    [InlineData(typeof(NoProperties))]
    [InlineData(typeof(NoUsableConstructor))]
    public void TypesThatCannotBeDescribed_AreRefusedNamingTheParameter(Type type)
    {
        AiException ex = Assert.Throws<AiException>(() => ResponseSchema.From(new ChatRequestData { SchemaType = type }));

        Assert.Equal(AiErrorKind.InvalidConfiguration, ex.Kind);
        Assert.Equal("-ResponseSchema", ex.Parameter);
        Assert.Contains("cannot be described", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATypedReply_IsCheckedAndDeserialized()
    {
        ResponseSchema schema = ResponseSchema.From(new ChatRequestData { SchemaType = typeof(Triage) })!;

        object value = schema.Read("""{"severity":"high","score":3}""", "openai");

        Triage t = Assert.IsType<Triage>(value);
        Assert.Equal("high", t.Severity);
        Assert.Equal(3, t.Score);
    }

    [Fact]
    public void AReplyThatBreaksTheSchema_IsInvalidResponse()
    {
        ResponseSchema schema = ResponseSchema.From(new ChatRequestData { SchemaType = typeof(Triage) })!;

        AiException ex = Assert.Throws<AiException>(() => schema.Read("""{"severity":5}""", "openai"));

        Assert.Equal(AiErrorKind.InvalidResponse, ex.Kind);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    public void BadSchemaText_IsRefused(string text)
    {
        AiException ex = Assert.Throws<AiException>(() => ResponseSchema.From(new ChatRequestData { Schema = text }));
        Assert.Equal("-ResponseSchema", ex.Parameter);
    }

    public sealed class Triage
    {
        public string Severity { get; set; } = string.Empty;

        public int Score { get; set; }
    }

    public sealed class NoProperties
    {
    }

    public sealed class NoUsableConstructor
    {
        public NoUsableConstructor(int a)
        {
            A = a;
        }

        public NoUsableConstructor(string b)
        {
            A = b.Length;
        }

        public int A { get; }
    }
}
