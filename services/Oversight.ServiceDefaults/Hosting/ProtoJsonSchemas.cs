using Microsoft.OpenApi.Any;
using Microsoft.OpenApi.Models;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Oversight.ServiceDefaults.Hosting;

/// <summary>
/// Makes the generated schemas say what the protobuf JSON mapping writes, where Grpc.Swagger describes the C# types
/// instead: 64-bit integers travel as strings ("rowsRead": "1"), and google.protobuf.Value, Struct and ListValue (the
/// ErrorInfo and BadRequest inside a refusal's details are read through them) are any JSON value, object and array.
/// Found by checking the services' real answers against the document (tests/interop/node/json_api.js).
/// </summary>
internal sealed class ProtoJsonSchemas : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var schemas = document.Components.Schemas;
        if (schemas.ContainsKey("Value"))
        {
            schemas["Value"] = new OpenApiSchema { Description = "Any JSON value (google.protobuf.Value)." };
        }
        if (schemas.ContainsKey("Struct"))
        {
            schemas["Struct"] = new OpenApiSchema
            {
                Type = "object", AdditionalProperties = new OpenApiSchema(), Description = "A JSON object (google.protobuf.Struct).",
            };
        }
        if (schemas.ContainsKey("ListValue"))
        {
            schemas["ListValue"] = new OpenApiSchema { Type = "array", Items = new OpenApiSchema(), Description = "A JSON array (google.protobuf.ListValue)." };
        }
        var seen = new HashSet<OpenApiSchema>(ReferenceEqualityComparer.Instance);
        foreach (var schema in schemas.Values)
        {
            Int64AsString(schema, seen);
        }
        foreach (var parameter in document.Paths.Values.SelectMany(p => p.Operations.Values).SelectMany(o => o.Parameters))
        {
            Int64AsString(parameter.Schema, seen);
        }
    }

    private static void Int64AsString(OpenApiSchema? schema, HashSet<OpenApiSchema> seen)
    {
        if (schema is null || schema.Reference is not null || !seen.Add(schema))
        {
            return;
        }
        if (schema.Type == "integer" && schema.Format is "int64" or "uint64")
        {
            schema.Type = "string";
            schema.Pattern = schema.Format == "int64" ? "^-?[0-9]+$" : "^[0-9]+$";
            schema.Example = new OpenApiString("0");
        }
        foreach (var inner in schema.Properties.Values.Append(schema.Items).Append(schema.AdditionalProperties))
        {
            Int64AsString(inner, seen);
        }
    }
}
