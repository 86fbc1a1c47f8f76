using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Oversight.ServiceDefaults.Errors;

/// <summary>
/// A request field as a refusal names it: read from the message descriptor, never typed a second time. A refusal
/// names it in lowerCamelCase (<see cref="FieldDescriptor.JsonName"/>: ItemError.field, ErrorInfo, BadRequest) and its
/// message in the contract's spelling (<see cref="FieldDescriptor.Name"/>), so a renamed field cannot leave a refusal
/// naming the old one.
/// </summary>
public static class Fields
{
    /// <summary>The field with this number (the generated XFieldNumber constants); throws for one the message lacks.</summary>
    public static FieldDescriptor Of(MessageDescriptor message, int number) =>
        message.FindFieldByNumber(number) ?? throw new ArgumentOutOfRangeException(nameof(number), $"{message.FullName} has no field {number}");

    /// <summary>
    /// The field of <typeparamref name="TMessage"/> with this number: <c>Fields.Of&lt;RunSweepRequest&gt;(RunSweepRequest.ScopePrefixFieldNumber)</c>
    /// instead of a helper per file that repeats the message's descriptor.
    /// </summary>
    public static FieldDescriptor Of<TMessage>(int number)
        where TMessage : IMessage<TMessage>, new() => Of(DescriptorOf<TMessage>.Value, number);

    /// <summary>
    /// The field of this name, for code every request of a kind shares whose field numbers differ (the page_token and
    /// page_size of each List request): throws for a name the message lacks, so a shared check cannot name a field its request
    /// does not have. Where the caller knows its message, <see cref="Of{TMessage}(int)"/> by number is the better choice.
    /// </summary>
    public static FieldDescriptor Named(MessageDescriptor message, string name) =>
        message.FindFieldByName(name) ?? throw new ArgumentOutOfRangeException(nameof(name), $"{message.FullName} has no field {name}");

    // One instance per message type, made once, for its descriptor (the generated static Descriptor is not reachable
    // through the type parameter).
    private static class DescriptorOf<TMessage>
        where TMessage : IMessage<TMessage>, new()
    {
        public static readonly MessageDescriptor Value = new TMessage().Descriptor;
    }
}
