using Oversight.Watching;

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddWatching();

var app = builder.Build();
app.MapWatching();

app.Run();
