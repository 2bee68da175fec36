// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.Extensions.AI;
using static AiOps.Tests.Providers.Gemini.GeminiTestHost;

namespace AiOps.Tests.Providers.Gemini;

/// <summary>JSON Schema → what Gemini's <c>responseJsonSchema</c>/<c>parametersJsonSchema</c> accept.</summary>
public sealed class GeminiSchemaConverterTests
{
    private static string Convert(string schema) =>
        GeminiSchemaConverter.Convert(JsonDocument.Parse(J(schema)).RootElement, "response_format.schema", "google").GetRawText();

    private static AiException Fails(string schema) =>
        Assert.Throws<AiException>(() => GeminiSchemaConverter.Convert(JsonDocument.Parse(J(schema)).RootElement, "response_format.schema", "google"));

    [Fact]
    public void Supported_keywords_are_kept_including_type_arrays_and_closed_objects()
    {
        const string schema = "{'type':'object','title':'T','description':'D','properties':{'a':{'type':['string','null'],'format':'date-time'},'b':{'type':'array','items':{'type':'integer','minimum':1,'maximum':9},'minItems':1,'maxItems':3}," +
            "'c':{'anyOf':[{'type':'string'},{'type':'number'}]},'d':{'oneOf':[{'$ref':'#/$defs/P'}]},'e':{'type':'array','prefixItems':[{'type':'string'}]},'f':{'type':'object','additionalProperties':{'type':'number'}}}," +
            "'required':['a'],'additionalProperties':false,'propertyOrdering':['a','b'],'$defs':{'P':{'type':'object','$id':'p','$anchor':'pa'}}}";
        // The description moves to the end of its object (notes may be appended to it); everything else keeps its order.
        Assert.Equal(J(schema.Replace("'description':'D',", string.Empty, StringComparison.Ordinal)[..^1] + ",'description':'D'}"), Convert(schema));
    }

    [Fact]
    public void Annotations_are_dropped()
    {
        Assert.Equal(
            J("{'type':'object','properties':{'a':{'type':'string'}}}"),
            Convert("{'$schema':'https://json-schema.org/draft/2020-12/schema','$comment':'c','type':'object','properties':{'a':{'type':'string','default':'x','examples':['y'],'readOnly':true,'deprecated':false,'x-order':1}}}"));
    }

    [Fact]
    public void Const_becomes_a_one_value_enum_and_const_null_becomes_type_null()
    {
        Assert.Equal(J("{'enum':['on']}"), Convert("{'const':'on'}"));
        Assert.Equal(J("{'type':'null'}"), Convert("{'const':null}"));
    }

    [Fact]
    public void An_enum_with_null_becomes_anyOf_of_the_enum_and_null()
    {
        Assert.Equal(
            J("{'anyOf':[{'type':'string','enum':['Low','High'],'description':'Level'},{'type':'null'}]}"),
            Convert("{'type':['string','null'],'enum':['Low','High',null],'description':'Level'}"));
    }

    [Fact]
    public void Value_checks_Gemini_does_not_list_move_into_the_description()
    {
        Assert.Equal(
            J("{'type':'string','description':'A code (pattern: ^[A-Z]{3}$; minLength: 3; maxLength: 3)'}"),
            Convert("{'type':'string','description':'A code','pattern':'^[A-Z]{3}$','minLength':3,'maxLength':3}"));
        Assert.Equal(
            J("{'type':'number','description':'(exclusiveMinimum: 0; multipleOf: 0.5)'}"),
            Convert("{'type':'number','exclusiveMinimum':0,'multipleOf':0.5}"));
    }

    [Fact]
    public void A_one_schema_allOf_is_merged_and_definitions_become_defs()
    {
        Assert.Equal(
            J("{'$ref':'#/$defs/Address','description':'Home'}"),
            Convert("{'description':'Home','allOf':[{'$ref':'#/definitions/Address'}]}"));
        Assert.Equal(
            J("{'$defs':{'A':{'type':'string'}},'items':{'$ref':'#/$defs/A'}}"),
            Convert("{'definitions':{'A':{'type':'string'}},'items':{'$ref':'#/definitions/A'}}"));
        Assert.Equal(J("{'prefixItems':[{'type':'string'},{}]}"), Convert("{'items':[{'type':'string'},true]}"));
    }

    [Theory]
    [InlineData("{'not':{'type':'string'}}", "response_format.schema.not")]
    [InlineData("{'if':{},'then':{}}", "response_format.schema.if")]
    [InlineData("{'allOf':[{'type':'object'},{'required':['a']}]}", "response_format.schema.allOf")]
    [InlineData("{'type':'object','patternProperties':{'^a':{}}}", "response_format.schema.patternProperties")]
    [InlineData("{'type':'object','propertyNames':{'maxLength':3}}", "response_format.schema.propertyNames")]
    [InlineData("{'$ref':'https://example.com/s.json'}", "response_format.schema.$ref")]
    [InlineData("{'properties':{'a':false}}", "response_format.schema.properties.a.false")]
    [InlineData("{'enum':[true,false]}", "response_format.schema.enum")]
    [InlineData("{'properties':{'tags':{'type':'array','items':{'dependentRequired':{}}}}}", "response_format.schema.properties.tags.items.dependentRequired")]
    [InlineData("{'type':'object','nullable':true}", "response_format.schema.nullable")]
    public void Keywords_Gemini_cannot_express_fail_naming_the_keyword_and_where_it_is(string schema, string parameter)
    {
        AiException ex = Fails(schema);
        Assert.Equal(AiErrorKind.InvalidRequest, ex.Kind);
        Assert.Equal("google", ex.Provider);
        Assert.Equal(parameter, ex.Parameter);
        Assert.Contains("Gemini cannot express", ex.Message, StringComparison.Ordinal);
        Assert.Contains("keyword '", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schemas_generated_by_Microsoft_Extensions_AI_for_typical_types_convert()
    {
        JsonElement schema = AIJsonUtilities.CreateJsonSchema(typeof(Booking));
        string converted = GeminiSchemaConverter.Convert(schema, "response_format.schema", "google").GetRawText();

        Assert.DoesNotContain("$schema", converted, StringComparison.Ordinal);
        Assert.Contains("\"enum\":[\"Low\",\"High\"]", converted, StringComparison.Ordinal);
        Assert.Contains("pattern:", converted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{'type':'object','properties':{}}", true)]
    [InlineData("{'type':'object','properties':{},'required':[],'additionalProperties':false}", true)]
    [InlineData("{'type':'object','properties':{'a':{}}}", false)]
    [InlineData("{'type':'string'}", false)]
    public void A_schema_without_parameters_is_recognised(string schema, bool empty) =>
        Assert.Equal(empty, GeminiSchemaConverter.IsEmptyObjectSchema(JsonDocument.Parse(J(schema)).RootElement));

    public enum Level
    {
        Low,
        High,
    }

    public sealed class Booking
    {
        [Required]
        public string Name { get; set; } = string.Empty;

        [RegularExpression("^[A-Z]{3}$")]
        public string? Code { get; set; }

        public Level? Priority { get; set; }

        public TimeSpan Duration { get; set; }

        public List<string> Tags { get; set; } = [];

        public Dictionary<string, int> Counts { get; set; } = [];

        public DateTimeOffset When { get; set; }
    }
}
