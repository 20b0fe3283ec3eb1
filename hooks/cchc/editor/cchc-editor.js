/* Our glue for Decap CMS (cchc serve, /quan-tri/): the plans and their tasks as check boxes, cleared
 * fields left out of the file, and the banner listing what `cchc check` found in the post just
 * saved. Text only via textContent. */
(function () {
  "use strict";
  var API = "/quan-tri/api/v1";
  var CMS = window.CMS;
  var h = window.h;

  function plain(value) {
    if (!value) return [];
    return value.toJS ? value.toJS() : Array.prototype.slice.call(value);
  }

  // The plan chosen in the form: Decap redraws a widget only when its own value changes, so the
  // plan widget tells the tasks widget directly.
  var planListeners = [];

  function choosePlan(plan) {
    planListeners.forEach(function (listener) { listener(plan); });
  }

  // plan: a plain list of the plans read by readers/plans.py (`options` in config.yml).
  var PlanControl = window.createClass({
    render: function () {
      var props = this.props;
      var options = props.field.get("options").map(function (option) {
        return h("option", { key: option.get("value"), value: option.get("value") }, option.get("label"));
      }).toArray();
      return h("select", {
        id: props.forID,
        className: props.classNameWrapper,
        value: props.value || "",
        onChange: function (event) {
          props.onChange(event.target.value);
          choosePlan(event.target.value);
        },
      }, [h("option", { key: "", value: "" }, "(Không thuộc kế hoạch nào)")].concat(options));
    },
  });

  // tasks: the STT numbers of that plan's tasks; the options come from config.yml (`plans`:
  // each plan's tasks by STT and title, read when cchc serve started).
  var TasksControl = window.createClass({
    getInitialState: function () {
      return { plan: this.props.entry.getIn(["data", "plan"]) };
    },
    componentDidMount: function () {
      var self = this;
      // Another plan's numbers mean other tasks: a change of plan clears the ticks.
      this.listener = function (plan) {
        if (plan === self.state.plan) return;
        self.setState({ plan: plan });
        self.props.onChange([]);
      };
      planListeners.push(this.listener);
    },
    componentWillUnmount: function () {
      planListeners.splice(planListeners.indexOf(this.listener), 1);
    },
    shouldComponentUpdate: function (next, nextState) {
      return next.value !== this.props.value || (nextState && nextState.plan !== this.state.plan);
    },
    toggle: function (stt, on) {
      var chosen = plain(this.props.value).filter(function (s) { return String(s) !== stt; });
      if (on) chosen.push(stt);
      this.props.onChange(chosen);
    },
    render: function () {
      var self = this;
      var tasks = this.state.plan ? this.props.field.get("plans").get(this.state.plan) : null;
      var wrapper = this.props.classNameWrapper + " cchc-nhiem-vu";
      if (!tasks) {
        return h("p", { id: this.props.forID, className: wrapper },
          "Chọn kế hoạch ở mục Kế hoạch phía trên: các nhiệm vụ của kế hoạch đó sẽ hiện ở đây.");
      }
      var chosen = plain(this.props.value).map(String);
      var name = this.props.field.get("label");
      return h("div", { id: this.props.forID, className: wrapper, role: "group", "aria-label": name },
        tasks.map(function (task) {
          var stt = task.get("stt");
          return h("label", { key: stt, style: { marginLeft: task.get("level") * 1.5 + "em" } },
            h("input", {
              type: "checkbox",
              checked: chosen.indexOf(stt) >= 0,
              onChange: function (event) { self.toggle(stt, event.target.checked); },
            }),
            " " + stt + ". " + task.get("title"));
        }).toArray());
    },
  });

  function TasksPreview(props) {
    return h("p", {}, plain(props.value).join(", "));
  }

  function PlanPreview(props) {
    return h("p", {}, props.value || "");
  }

  CMS.registerWidget("cchc-ke-hoach", PlanControl, PlanPreview);
  CMS.registerWidget("cchc-nhiem-vu", TasksControl, TasksPreview);

  function element(tag, text) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    return node;
  }

  function showCheck(result) {
    var old = document.getElementById("cchc-kiem-tra");
    if (old) old.remove();
    if (!result) return;
    var box = element("section");
    box.id = "cchc-kiem-tra";
    box.setAttribute("role", "alert");
    var count = result.problems.length;
    var heading = count
      ? "Đã lưu " + result.file + ", nhưng kiểm tra thấy " + count + " vấn đề:"
      : "Đã lưu " + result.file + ". Kiểm tra: không có lỗi.";
    box.appendChild(element("h2", heading));
    if (result.errors) {
      box.className = "co-loi";
      box.appendChild(element("p", "Còn lỗi thì trang không dựng được: hãy sửa rồi lưu lại."));
    }
    if (count) {
      var list = element("ul");
      result.problems.forEach(function (problem) {
        list.appendChild(element("li", problem.level + ": " + problem.text));
      });
      box.appendChild(list);
    }
    if (result.url && !result.errors) {
      var link = element("a", "Xem bài trên trang xem thử");
      link.href = result.url;
      link.target = "_blank";
      box.appendChild(element("p")).appendChild(link);
    }
    var close = element("button", "Đóng");
    close.type = "button";
    close.addEventListener("click", function () { box.remove(); });
    box.appendChild(close);
    document.body.appendChild(box);
  }

  // A cleared optional field (plan, tasks, tags…) is left out of the file, as it would be by hand.
  function isEmpty(value) {
    if (value === "" || value === null || value === undefined) return true;
    if (Array.isArray(value)) return value.length === 0;
    return typeof value.size === "number" && value.size === 0;
  }

  CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      return event.entry.get("data").filter(function (value, key) {
        return key === "body" || !isEmpty(value);
      });
    },
  });

  CMS.registerEventListener({
    name: "postSave",
    handler: function () {
      return fetch(API, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ action: "cchcLastSave" }),
      }).then(function (response) { return response.json(); }).then(showCheck);
    },
  });
})();
